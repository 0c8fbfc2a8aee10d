package io.orderplatform.order.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OutboxAwait;
import io.orderplatform.order.support.OutboxTable;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A relay round that hangs past {@code round-timeout} is ended for real: its transaction is rolled back and the
 * lease is free for the next round, here or on another instance, instead of staying held until the connection dies.
 * The round is hung on a row lock the test holds on the row it must mark sent; the profile makes the round timeout
 * (3 s) the only bound that ends that wait (lock wait, statement and silent-connection limits far longer).
 */
@QuarkusTest
@TestProfile(HungRoundTest.ShortRoundTimeout.class)
class HungRoundTest {

    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(3);

    public static class ShortRoundTimeout implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "order.outbox.round-timeout", ROUND_TIMEOUT.toSeconds() + "s",
                    "orderplatform.database.lock-wait-timeout", "60s",
                    "orderplatform.database.statement-timeout", "60s",
                    "orderplatform.database.silent-connection-timeout", "90s");
        }
    }

    private static final String LOCK_WAITS = """
            SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'
            """;

    @Inject
    OutboxEventRepository outbox;

    private final UUID order = UUID.randomUUID();

    @AfterEach
    void removeRows() {
        OutboxTable.deleteOrder(order);
    }

    @Test
    void aRoundOverItsTimeoutReleasesTheLease() throws SQLException {
        try (Connection lease = OutboxTable.connect(); Connection rowLock = OutboxTable.connect();
                Connection anotherInstance = OutboxTable.connect()) {
            lease.setAutoCommit(false);
            rowLock.setAutoCommit(false);
            anotherInstance.setAutoCommit(false);
            query(lease, "SELECT id FROM outbox_relay_lease WHERE id = 1 FOR UPDATE");
            OutboxTable.append(order, 1, 1, "{\"hangsTheRound\": true}", Duration.ZERO);
            query(rowLock, "SELECT id FROM outbox_event WHERE order_id = '" + order + "' FOR UPDATE");
            lease.rollback();

            // The relay's round takes the lease, sends the row and waits for the row lock to mark it sent.
            await("a relay round waiting for the row lock").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> query(anotherInstance, LOCK_WAITS) == 1);

            // Another instance queues for the lease: it gets it when the hung round's transaction ends.
            long started = System.nanoTime();
            query(anotherInstance, "SET SESSION innodb_lock_wait_timeout = 30");
            query(anotherInstance, "SELECT id FROM outbox_relay_lease WHERE id = 1 FOR UPDATE");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(waited).as("lease free within the round timeout and a bit")
                    .isLessThan(ROUND_TIMEOUT.plusSeconds(3));
            anotherInstance.rollback();
            rowLock.rollback();
        }
        // ... and this instance's rounds go on: the row, whose marking was rolled back, is sent again and marked.
        OutboxAwait.allSent(outbox, List.of(order), 1, Duration.ofSeconds(30));
    }

    /** Runs a query in the connection's transaction; returns the first column of its first row as a number, or -1. */
    private static long query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return -1;
            }
            try (ResultSet result = statement.getResultSet()) {
                return result.next() ? result.getLong(1) : -1;
            }
        }
    }
}
