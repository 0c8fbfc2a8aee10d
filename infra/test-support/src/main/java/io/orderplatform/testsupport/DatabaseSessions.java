package io.orderplatform.testsupport;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * What the database server itself says about a service's connections: the ground truth a pool's own bookkeeping
 * cannot give (a connection the pool forgot is still open on the server, holding its transaction and locks).
 */
public final class DatabaseSessions {

    /** Transactions open right now on connections whose current database is the given one. */
    private static final String OPEN_TRANSACTIONS = """
            SELECT COUNT(*)
              FROM information_schema.innodb_trx trx
              JOIN information_schema.processlist session ON session.id = trx.trx_mysql_thread_id
             WHERE session.db = ?
            """;

    private DatabaseSessions() {
    }

    /** How many transactions are open on the server for connections using {@code database}. */
    public static int openTransactions(String database) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try (var connection = DriverManager.getConnection(infrastructure.jdbcUrl(""), infrastructure.dbUser(),
                infrastructure.dbPassword());
                var query = connection.prepareStatement(OPEN_TRANSACTIONS)) {
            query.setString(1, database);
            try (var result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the open transactions of " + database, e);
        }
    }
}
