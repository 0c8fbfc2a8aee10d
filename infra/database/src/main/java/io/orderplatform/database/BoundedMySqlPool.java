package io.orderplatform.database;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.reactive.mysql.client.MySQLPoolCreator;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.MySQLPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

/**
 * Creates the service's reactive MySQL pool (the one Hibernate Reactive uses) from Quarkus' configuration, with
 * every wait bounded by {@link DatabaseBounds}. Quarkus' own settings cover neither the pool wait, nor a server
 * that stops answering, nor the server-side session limits: this is the hook Quarkus provides for that
 * ({@link MySQLPoolCreator}, see the Reactive SQL clients guide, "Customizing pool creation").
 */
@Singleton
public class BoundedMySqlPool implements MySQLPoolCreator {

    private static final Logger LOG = Logger.getLogger(BoundedMySqlPool.class);
    /**
     * Every transaction READ COMMITTED, not InnoDB's default REPEATABLE READ: under it a locking read of rows that do
     * not exist yet locks the gap where they would go, and two transactions inserting new orders (time-ordered ids,
     * all at the right edge of the same index) then deadlock on each other's gap lock: metrics-consumer's parallel
     * batches did, 44 times in 90 s at 400 orders/s. No statement here relies on gap locks: rows are locked by key
     * when they exist, and a new row's uniqueness is the unique index's, in either level.
     */
    private static final String READ_COMMITTED = "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";

    private final DatabaseBounds bounds;

    public BoundedMySqlPool(DatabaseBounds bounds) {
        this.bounds = bounds;
    }

    @Override
    public Pool create(Input input) {
        for (MySQLConnectOptions options : input.mySQLConnectOptionsList()) {
            options.setConnectTimeout(millis(bounds.connectTimeout()));
            options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
            options.setReadIdleTimeout(millis(bounds.silentConnectionTimeout()));
        }
        input.poolOptions()
                // No wait timeout inside Vert.x: WaitBoundedPool bounds the wait without its race (see there).
                .setConnectionTimeout(0)
                .setMaxWaitQueueSize(bounds.poolWaitQueueSize())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setIdleTimeout(millis(bounds.idleTimeout()));
        MySQLPool pool = MySQLPool.pool(input.vertx(), input.mySQLConnectOptionsList(), input.poolOptions());
        return new WaitBoundedPool(pool, input.vertx(), bounds.poolWaitTimeout().toMillis())
                .connectHandler(this::limitSession);
    }

    /**
     * Sets the session's statement and lock-wait limits and READ COMMITTED on each new connection, before the pool
     * hands it out.
     */
    private void limitSession(SqlConnection connection) {
        String product = connection.databaseMetadata().productName();
        String statementLimit = product.toLowerCase().contains("mariadb")
                ? "max_statement_time = " + bounds.statementTimeout().toMillis() / 1000.0
                : "max_execution_time = " + bounds.statementTimeout().toMillis();
        String sql = "SET SESSION innodb_lock_wait_timeout = " + Math.max(1, bounds.lockWaitTimeout().toSeconds())
                + ", " + statementLimit;
        connection.query(sql).execute()
                .compose(limited -> connection.query(READ_COMMITTED).execute())
                .onComplete(done -> {
                    if (done.failed()) {
                        LOG.warnf("Could not set the session limits (%s) or READ COMMITTED on a new connection: %s",
                                sql, done.cause());
                    }
                    connection.close(); // hands the connection to the pool
                });
    }

    private static int millis(Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }
}
