package io.orderplatform.consumer;

import java.sql.SQLException;
import java.util.Set;

import io.orderplatform.contract.InvalidEventException;
import io.vertx.mysqlclient.MySQLException;

/**
 * Decides what a failure to apply events means, defaulting to safe: only a contract violation or a data error
 * the database reports as such can be a record's own fault; everything else, including what is not recognised,
 * is {@link FailureKind#SYSTEMIC} and paused on, never dead-lettered.
 */
public final class FailureClassifier {

    /**
     * MySQL/MariaDB errors about the data itself (SQLSTATE class 22 is recognised as well). Anything about the
     * server, the schema or concurrency (1053 shutdown, 1290/1836 read-only, 1114/1021 full, 1045/1142 access,
     * 1146 missing table, 1205 lock wait, 1213 deadlock, 1062 a concurrent consumer's duplicate) is systemic.
     */
    private static final Set<Integer> DATA_ERRORS = Set.of(
            1048, // column cannot be null
            1263, // NULL supplied to a NOT NULL column
            1264, // out of range
            1265, // data truncated
            1292, // incorrect value (dates, numbers)
            1366, // incorrect value for the column's type or character set
            1367, // illegal value
            1406, // data too long
            1690, // arithmetic out of range
            3140, // invalid JSON (MySQL)
            3819, // check constraint violated (MySQL)
            4025); // check constraint failed (MariaDB)

    private static final int DUPLICATE_KEY = 1062;

    private FailureClassifier() {
    }

    public static FailureKind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidEventException) {
                return FailureKind.CONTRACT_VIOLATION;
            }
            if (t instanceof MySQLException sql) {
                return ofSqlError(sql.getErrorCode(), sql.getSqlState());
            }
            // Hibernate Reactive wraps the client's errors in Hibernate exceptions around a java.sql.SQLException
            // that keeps the server's error code.
            if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
                return ofSqlError(sql.getErrorCode(), sql.getSQLState());
            }
        }
        return FailureKind.SYSTEMIC;
    }

    /** The server's error code of the first SQL error in the chain; 0 if there is none. */
    private static int sqlErrorCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MySQLException sql) {
                return sql.getErrorCode();
            }
            if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
                return sql.getErrorCode();
            }
        }
        return 0;
    }

    public static boolean isSystemic(Throwable failure) {
        return classify(failure) == FailureKind.SYSTEMIC;
    }

    public static boolean isDataRejected(Throwable failure) {
        return classify(failure) == FailureKind.DATA_REJECTED;
    }

    /** The server refused a row because its key is taken (1062): systemic, but a caller may know what it means. */
    public static boolean isDuplicateKey(Throwable failure) {
        return sqlErrorCode(failure) == DUPLICATE_KEY;
    }

    private static FailureKind ofSqlError(int code, String sqlState) {
        boolean dataException = sqlState != null && sqlState.startsWith("22");
        return DATA_ERRORS.contains(code) || dataException ? FailureKind.DATA_REJECTED : FailureKind.SYSTEMIC;
    }
}
