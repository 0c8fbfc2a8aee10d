package io.orderplatform.contract;

/**
 * The roles of the platform's REST APIs, as a bearer token carries them (in the claim named by
 * {@code smallrye.jwt.path.groups}: {@code groups} by default, {@code realm_access/roles} for Keycloak).
 * <p>
 * A token without {@link #ORDERS_READ} is a customer's: its subject is the customer id, and it sees and changes
 * only that customer's orders.
 */
public final class Roles {

    /** Place, pay and cancel orders (a customer's own only, unless the token also has {@link #ORDERS_READ}). */
    public static final String ORDERS_WRITE = "orders:write";
    /** Read every customer's orders. */
    public static final String ORDERS_READ = "orders:read";
    /** metrics-consumer's sales figures (/metrics/*). */
    public static final String METRICS_READ = "metrics:read";
    /** audit-consumer's trail (/audit/*). */
    public static final String AUDIT_READ = "audit:read";
    /** Administration: the dead-letter API (/admin/dead-letters: inspect and redrive). */
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
