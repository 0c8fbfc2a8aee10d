package io.orderplatform.testsupport;

import static org.awaitility.Awaitility.await;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

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

    /** Long enough for work still queued for a connection to finish, and for dead connections to be noticed. */
    private static final Duration RELEASED_WITHIN = Duration.ofSeconds(30);

    private DatabaseSessions() {
    }

    /**
     * Connections the application's pool counts in use now (the {@code sql_pool_active} gauge, which must be
     * exported): the baseline for {@link #awaitReleased}. Not simply 0: a connection that died while in use (a test
     * that kills or freezes the database) stays counted for good, since Hibernate Reactive never ends the session
     * whose connection was closed under it; the pool itself frees its slot (Vert.x removes a closed connection).
     */
    public static double pooledInUse() {
        return ServiceMetrics.exported("sql_pool_active");
    }

    /**
     * Waits until the application under test holds no more pooled connections than {@code inUseBefore} and the
     * server has no transaction open for {@code database}.
     */
    public static void awaitReleased(String database, double inUseBefore) {
        await("no more pooled connections in use than before").atMost(RELEASED_WITHIN)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> pooledInUse() <= inUseBefore);
        awaitNoOpenTransaction(database);
    }

    /** Waits until the server has no transaction open for {@code database}. */
    public static void awaitNoOpenTransaction(String database) {
        await("no transaction open on the server").atMost(RELEASED_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> openTransactions(database) == 0);
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
