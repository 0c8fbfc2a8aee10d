package io.orderplatform.localstack;

/**
 * A service's own database user: {@code user} may use {@code database} and no other (see
 * {@link DatabaseAccounts#provision}).
 */
public record DatabaseAccount(String database, String user, String password) {

    @Override
    public String toString() {
        return "DatabaseAccount[" + user + " on " + database + "]"; // never the password, in a log or a failure
    }
}
