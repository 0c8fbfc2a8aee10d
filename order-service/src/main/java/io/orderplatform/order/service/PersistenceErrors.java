package io.orderplatform.order.service;

import org.hibernate.exception.ConstraintViolationException;

import io.vertx.mysqlclient.MySQLException;

/** Recognizes database errors the service reacts to, whatever Hibernate Reactive wraps them in. */
final class PersistenceErrors {

    /** MySQL/MariaDB ER_DUP_ENTRY. */
    private static final int DUPLICATE_ENTRY = 1062;

    private PersistenceErrors() {
    }

    static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MySQLException mysql && mysql.getErrorCode() == DUPLICATE_ENTRY) {
                return true;
            }
            if (t instanceof ConstraintViolationException violation
                    && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
        }
        return false;
    }
}
