package io.orderplatform.consumer;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.orderplatform.contract.InvalidEventException;
import io.vertx.core.VertxException;
import io.vertx.mysqlclient.MySQLException;

/**
 * Decides whether a failure to apply events may pass if tried again (a database restart, a lost connection,
 * a lock wait timeout, a deadlock, a concurrent consumer's insert of the same eventId) or never will (a
 * contract violation, data the schema refuses, a bug).
 */
public final class FailureClassifier {

    /** MySQL/MariaDB errors that another attempt can get past. */
    private static final Set<Integer> TRANSIENT_SQL_ERRORS = Set.of(
            1040, // too many connections
            1062, // duplicate key: a concurrent consumer applied the same event first; the retry sees it done
            1205, // lock wait timeout
            1213, // deadlock
            1927, // connection killed
            2002, 2003, 2006, 2013, // cannot connect, server gone away, connection lost
            4031); // disconnected by the server for inactivity

    private FailureClassifier() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidEventException) {
                return false;
            }
            if (t instanceof MySQLException sql) {
                return TRANSIENT_SQL_ERRORS.contains(sql.getErrorCode());
            }
            // Hibernate Reactive converts the client's errors into Hibernate exceptions (a deadlock becomes a
            // LockAcquisitionException) around a java.sql.SQLException that keeps the server's error code.
            if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
                return TRANSIENT_SQL_ERRORS.contains(sql.getErrorCode()) || t instanceof SQLTransientException;
            }
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof VertxException) {
                return true;
            }
            if (t.getClass().getName().startsWith("io.vertx.sqlclient.")) {
                // e.g. ClosedConnectionException, the pool failing to connect while the database is down
                return true;
            }
        }
        return false;
    }
}
