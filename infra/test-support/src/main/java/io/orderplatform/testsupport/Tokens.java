package io.orderplatform.testsupport;

import java.time.Duration;
import java.util.List;

import org.jose4j.jwt.JwtClaims;

import io.orderplatform.localstack.LocalIdentityProvider;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;

/**
 * Bearer tokens for the services under test, signed with the test JVM's key pair ({@link TestInfrastructure}), whose
 * JWKS the services verify against ({@link PlatformTestResource}): valid ones with a subject and roles, and the
 * deliberately bad ones (expired, signed with another key).
 * <p>
 * A test class that calls the API states the roles it calls with, in its own {@code @BeforeEach}:
 * {@code Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ)}; every RestAssured {@code given()} of
 * its tests then carries that token. Security tests call {@link #callAnonymously()} and send each header themselves.
 */
public final class Tokens {

    public static final String AUTHORIZATION = "Authorization";
    /** How long a minted token is valid: far longer than a test, never forever. */
    public static final Duration TTL = Duration.ofHours(1);

    private Tokens() {
    }

    /** A valid token for {@code subject} with these roles. */
    public static String mint(String subject, String... roles) {
        return identity().mint(subject, List.of(roles), TTL);
    }

    /** A token for {@code subject} that expired an hour ago. */
    public static String expired(String subject, String... roles) {
        return identity().mintExpired(subject, List.of(roles));
    }

    /** A token right in every way but its signature: made with another key under the right key id. */
    public static String wronglySigned(String subject, String... roles) {
        return identity().signWithAnotherKey(claims(subject, roles));
    }

    /** Claims as {@link #mint} makes them, to change one (issuer, audience ...) and {@link #sign} them. */
    public static JwtClaims claims(String subject, String... roles) {
        java.time.Instant now = java.time.Instant.now();
        return LocalIdentityProvider.claims(subject, List.of(roles), now, now.plus(TTL));
    }

    /** Any claims, signed with the right key. */
    public static String sign(JwtClaims claims) {
        return identity().sign(claims);
    }

    /** The Authorization header's value for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A RestAssured specification carrying a valid token for {@code subject} with these roles. */
    public static RequestSpecification as(String subject, String... roles) {
        return new RequestSpecBuilder().addHeader(AUTHORIZATION, bearer(mint(subject, roles))).build();
    }

    /** From now on every RestAssured {@code given()} carries a valid token for {@code subject} with these roles. */
    public static void callAs(String subject, String... roles) {
        RestAssured.requestSpecification = as(subject, roles);
    }

    /** From now on RestAssured sends no token unless a test adds one. */
    public static void callAnonymously() {
        RestAssured.requestSpecification = null;
    }

    private static LocalIdentityProvider identity() {
        return TestInfrastructure.get().identity();
    }
}
