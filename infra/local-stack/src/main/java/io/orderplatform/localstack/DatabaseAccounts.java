package io.orderplatform.localstack;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * One database user per service, with rights on its own schema only: what Flyway needs to migrate it and what the
 * service needs to use it, and nothing on any other schema or on the server. The same grants as
 * {@code infra/deploy/k8s/mysql/init-databases.sh}, which does this for the deployments.
 */
public final class DatabaseAccounts {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");

    private static final String CREATE_DATABASE = """
            CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci""";
    private static final String CREATE_USER = """
            CREATE USER IF NOT EXISTS '%s'@'%%' IDENTIFIED BY '%s'""";
    /** The password of the data folder wins over one an older run set: a user made before keeps working. */
    private static final String SET_PASSWORD = """
            ALTER USER '%s'@'%%' IDENTIFIED BY '%s'""";
    /** Data (the service), schema changes (Flyway: tables, indexes, foreign keys), on this schema only. */
    private static final String GRANT_OWN_SCHEMA = """
            GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES ON `%s`.* TO '%s'@'%%'""";

    private DatabaseAccounts() {
    }

    /**
     * Creates the database and its user (named as the database) if missing, sets the password and grants the rights
     * on that database; running it again changes nothing. {@code admin} must hold the grant option.
     */
    public static DatabaseAccount provision(Connection admin, String database, String password) throws SQLException {
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a database name: " + database);
        }
        if (!password.matches("[A-Za-z0-9_-]{16,}")) {
            throw new IllegalArgumentException("A password must be 16 or more URL-safe characters (LocalSecrets makes them)");
        }
        try (Statement statement = admin.createStatement()) {
            statement.execute(CREATE_DATABASE.formatted(database));
            statement.execute(CREATE_USER.formatted(database, password));
            statement.execute(SET_PASSWORD.formatted(database, password));
            statement.execute(GRANT_OWN_SCHEMA.formatted(database, database));
        }
        return new DatabaseAccount(database, database, password);
    }
}
