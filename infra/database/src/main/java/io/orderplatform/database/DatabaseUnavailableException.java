package io.orderplatform.database;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * The database cannot serve a request now (away, frozen, overloaded, shutting down, read-only): a condition to
 * retry later, answered 503 with Retry-After by the REST APIs, never a 500. {@link #isCause} recognises it in the
 * failures the reactive client and Hibernate Reactive report.
 */
public class DatabaseUnavailableException extends RuntimeException {

    /** Server errors that say the server, not the request, is the problem. */
    private static final Set<Integer> UNAVAILABLE_ERRORS = Set.of(
            1040, // too many connections
            1053, // server shutting down
            1205, // lock wait timeout
            1213, // deadlock: retrying helps
            1290, 1836, // read-only
            1927, // connection killed
            2002, 2003, 2006, 2013, // cannot connect, server gone, connection lost
            4031); // disconnected for inactivity

    public DatabaseUnavailableException(String message) {
        super(message, null, false, false);
    }

    /** Whether {@code failure} means the database is unavailable, whatever it is wrapped in. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // DatabaseUnavailableException includes a pool wait that ran out (WaitBoundedPool); a full wait queue is
            // ConnectionPoolTooBusyException (orderplatform.database.pool-wait-queue-size).
            if (t instanceof DatabaseUnavailableException || t instanceof ConnectionPoolTooBusyException
                    || t instanceof ConnectException || t instanceof ClosedConnectionException
                    || t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof MySQLException sql && UNAVAILABLE_ERRORS.contains(sql.getErrorCode())) {
                return true;
            }
            if (t instanceof SQLException sql && UNAVAILABLE_ERRORS.contains(sql.getErrorCode())) {
                return true;
            }
        }
        return false;
    }
}
