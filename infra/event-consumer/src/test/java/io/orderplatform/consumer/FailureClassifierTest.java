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

class FailureClassifierTest {

    @Test
    void aDeadlockAsHibernateReactiveReportsItIsTransient() {
        SQLException deadlock = new SQLException("Deadlock found when trying to get lock", "40001", 1213);

        assertThat(FailureClassifier.isTransient(new LockAcquisitionException("insert", deadlock))).isTrue();
        assertThat(FailureClassifier.isTransient(new CompletionException(
                new LockAcquisitionException("insert", deadlock)))).isTrue();
    }

    @Test
    void lockWaitTimeoutsLostConnectionsAndConcurrentDuplicatesAreTransient() {
        assertThat(FailureClassifier.isTransient(new MySQLException("Lock wait timeout exceeded", 1205, "HY000")))
                .isTrue();
        assertThat(FailureClassifier.isTransient(new ConnectException("Connection refused"))).isTrue();
        assertThat(FailureClassifier.isTransient(new SQLException("Duplicate entry", "23000", 1062))).isTrue();
    }

    @Test
    void dataTheSchemaRefusesContractViolationsAndBugsArePermanent() {
        assertThat(FailureClassifier.isTransient(
                new DataException("insert", new SQLException("Data too long for column", "22001", 1406)))).isFalse();
        assertThat(FailureClassifier.isTransient(new InvalidEventException(InvalidEventException.Kind.SCHEMA_VIOLATION,
                List.of("eventId: required"), null))).isFalse();
        assertThat(FailureClassifier.isTransient(new IllegalStateException("a bug"))).isFalse();
        assertThat(FailureClassifier.isTransient(new ClassCastException("a bug"))).isFalse();
    }
}
