package io.orderplatform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.hibernate.exception.DataException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.InvalidEventException;
import io.vertx.mysqlclient.MySQLException;

/** Classification defaults to safe: only the record's own faults are not systemic. */
class FailureClassifierTest {

    @Test
    void aContractViolationIsTheRecordsOwn() {
        assertThat(FailureClassifier.classify(new InvalidEventException(InvalidEventException.Kind.SCHEMA_VIOLATION,
                List.of("eventId: required"), null))).isEqualTo(FailureKind.CONTRACT_VIOLATION);
    }

    @Test
    void dataTheDatabaseRefusesMayBeTheRecordsOwn() {
        assertThat(FailureClassifier.classify(
                new DataException("insert", new SQLException("Data too long for column", "22001", 1406))))
                .isEqualTo(FailureKind.DATA_REJECTED);
        assertThat(FailureClassifier.classify(new MySQLException("Out of range value", 1264, "22003")))
                .isEqualTo(FailureKind.DATA_REJECTED);
        assertThat(FailureClassifier.classify(new MySQLException("CONSTRAINT failed", 4025, "23000")))
                .isEqualTo(FailureKind.DATA_REJECTED);
        assertThat(FailureClassifier.classify(new SQLException("some data exception", "22999", 9999)))
                .isEqualTo(FailureKind.DATA_REJECTED);
    }

    @Test
    void everythingAboutTheDatabaseItselfIsSystemic() {
        int[] serverErrors = { 1053, 1290, 1836, 1114, 1021, 1045, 1142, 1146, 1205, 1213, 1040, 1062, 2013 };
        for (int code : serverErrors) {
            assertThat(FailureClassifier.classify(new MySQLException("error " + code, code, "HY000")))
                    .as("MySQL error %d", code).isEqualTo(FailureKind.SYSTEMIC);
        }
        SQLException deadlock = new SQLException("Deadlock found when trying to get lock", "40001", 1213);
        assertThat(FailureClassifier.classify(new CompletionException(new LockAcquisitionException("insert",
                deadlock)))).isEqualTo(FailureKind.SYSTEMIC);
        assertThat(FailureClassifier.classify(new ConnectException("Connection refused")))
                .isEqualTo(FailureKind.SYSTEMIC);
    }

    @Test
    void aFailureNotRecognisedIsSystemic() {
        assertThat(FailureClassifier.classify(new IllegalStateException("a bug"))).isEqualTo(FailureKind.SYSTEMIC);
        assertThat(FailureClassifier.classify(new ClassCastException("a bug"))).isEqualTo(FailureKind.SYSTEMIC);
    }
}
