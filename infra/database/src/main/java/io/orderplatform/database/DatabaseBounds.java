package io.orderplatform.database;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long any database call may wait, per step. Each bound turns a database that is away, overloaded or hung
 * into a failure within seconds: the consumers then pause and retry, the REST API answers 503.
 */
@ConfigMapping(prefix = "orderplatform.database")
public interface DatabaseBounds {

    /** Opening the TCP connection: a host that does not answer fails fast instead of after the OS's minutes. */
    @WithDefault("3s")
    Duration connectTimeout();

    /**
     * Waiting for a pooled connection when all are busy (Vert.x waits 30 s by default): overload is answered
     * quickly, not queued behind a pool that may never free up.
     */
    @WithDefault("3s")
    Duration poolWaitTimeout();

    /**
     * Requests waiting for a pooled connection at most; one more is refused at once (a 503), so an overload costs
     * neither memory nor seconds. Two waiters per connection of the default pool of 20: a waiter's turn comes within
     * about two transactions. Each waiter holds its parsed request: measured with bench-intake --largest and 200
     * clients, 100 waiters kept an 80 MB heap in back-to-back full GCs; 40 leave it room.
     */
    @WithDefault("40")
    int poolWaitQueueSize();

    /**
     * One statement on the server (MariaDB {@code max_statement_time}; MySQL {@code max_execution_time}, which
     * bounds SELECTs only): a runaway query ends with an error instead of holding its connection.
     */
    @WithDefault("10s")
    Duration statementTimeout();

    /** Waiting for a row lock ({@code innodb_lock_wait_timeout}): contention ends in an error to retry. */
    @WithDefault("5s")
    Duration lockWaitTimeout();

    /**
     * A connection on which nothing is received for this long is closed. This is what ends a call to a server
     * that accepts TCP but answers nothing (frozen, stalled disk, half-open connection): no server-side limit
     * can. Longer than the statement timeout so a slow statement fails on the server first, with its error.
     */
    @WithDefault("15s")
    Duration silentConnectionTimeout();

    /**
     * How long a REST request waits for its database work before it is answered 503 (see
     * {@link RequestDatabaseWork}): a frozen or overloaded database costs clients seconds, not a hang. Longer than
     * the pool wait, far above the p99 of a request (about 150 ms under load here).
     */
    @WithDefault("4s")
    Duration requestTimeout();

    /** The Retry-After of a 503 answered because the database is unavailable. */
    @WithDefault("5s")
    Duration retryAfter();

    /** A pooled connection unused this long is closed by the pool, before the silent-connection timeout would. */
    @WithDefault("10s")
    Duration idleTimeout();
}
