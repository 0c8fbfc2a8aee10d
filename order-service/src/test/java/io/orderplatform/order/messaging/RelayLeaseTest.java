package io.orderplatform.order.messaging;

import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.Roles;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OutboxAwait;
import io.orderplatform.order.support.OutboxRows;
import io.orderplatform.order.support.OutboxTable;
import io.orderplatform.testsupport.ServiceMetrics;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With several instances, only the holder of the relay lease publishes. Here "another instance" is a plain
 * database session holding the lease row lock: while it does, this instance skips its rounds and publishes
 * nothing; once it lets go, this instance takes over without being asked again. And a round whose own database
 * session dies under it (a database restart, a lost connection) is given up within seconds, not after the round
 * timeout.
 */
@QuarkusTest
class RelayLeaseTest {

    /** Every call of these tests carries a bearer token: the order desk's, which may act for any customer. */
    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    @Inject
    OutboxEventRepository outbox;

    /** order.outbox.round-timeout in tests. */
    private static final Duration ROUND_TIMEOUT_IN_TESTS = Duration.ofSeconds(30);

    /** The sessions on the service's database of every user but the test's own. */
    private static final String SERVICE_SESSIONS = """
            SELECT id FROM information_schema.processlist
             WHERE db = 'order_service' AND user <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1)
            """;

    @Test
    void noEventIsPublishedWhileAnotherInstanceHoldsTheLease() throws SQLException {
        UUID id;
        try (Connection otherInstance = OutboxTable.connect()) {
            otherInstance.setAutoCommit(false);
            try (Statement statement = otherInstance.createStatement();
                    ResultSet lease = statement.executeQuery(
                            "SELECT id FROM outbox_relay_lease WHERE id = 1 FOR UPDATE")) {
                assertThat(lease.next()).as("the other instance holds the lease").isTrue();
            }

            id = placeOrder(newCustomerId());

            // Several post-commit triggers and sweeps pass; every round finds the lease taken and skips.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> OutboxRows.of(outbox, List.of(id)),
                            rows -> rows.size() == 1 && rows.get(0).sentAt() == null && rows.get(0).attempts() == 0);
            otherInstance.rollback();
        }

        // The sweep's next round takes the lease and publishes.
        OutboxAwait.allSent(outbox, List.of(id), 1, Duration.ofSeconds(30));
    }

    @Test
    void aRoundWhoseDatabaseSessionDiesIsGivenUpWithinSecondsAndItsEventSentAgain() throws SQLException {
        UUID order = UUID.randomUUID();
        try (Connection rowLock = OutboxTable.connect(); Connection operator = OutboxTable.connect()) {
            rowLock.setAutoCommit(false);
            double publishedBefore = ServiceMetrics.value("outbox_published_total");
            try (Connection lease = OutboxTable.holdRelayLease()) {
                OutboxTable.append(order, 1, 1, "{\"roundLosesItsSession\": true}", Duration.ZERO);
                execute(rowLock, "SELECT id FROM outbox_event WHERE order_id = '" + order + "' FOR UPDATE");
                lease.rollback();
            }
            // The round takes the lease and sends the row: once Kafka acknowledged it, the round goes on to mark it
            // sent and waits there for the row lock (up to the lock wait timeout, then again in the next round) ...
            await("the row sent, its round waiting for the row lock").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> ServiceMetrics.value("outbox_published_total") > publishedBefore);
            // ... when the service's sessions end under it, as in a database restart.
            killServiceSessions(operator);
            long killed = System.nanoTime();
            rowLock.rollback();

            // Sent again and marked well before the round timeout (30 s in tests) would have ended the round.
            OutboxAwait.allSent(outbox, List.of(order), 1, ROUND_TIMEOUT_IN_TESTS.dividedBy(3));
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(ROUND_TIMEOUT_IN_TESTS.dividedBy(3));
        } finally {
            OutboxTable.deleteOrder(order);
        }
    }

    /** Ends every session of the service's own database user (the test connects as another). */
    private static void killServiceSessions(Connection operator) throws SQLException {
        List<Long> sessions = new ArrayList<>();
        try (Statement statement = operator.createStatement();
                ResultSet rows = statement.executeQuery(SERVICE_SESSIONS)) {
            while (rows.next()) {
                sessions.add(rows.getLong(1));
            }
        }
        assertThat(sessions).as("the service's database sessions").isNotEmpty();
        for (long session : sessions) {
            execute(operator, "KILL CONNECTION " + session);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
