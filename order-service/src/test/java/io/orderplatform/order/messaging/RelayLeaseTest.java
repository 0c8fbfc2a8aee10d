package io.orderplatform.order.messaging;

import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.Roles;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OutboxAwait;
import io.orderplatform.order.support.OutboxRows;
import io.orderplatform.testsupport.TestInfrastructure;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With several instances, only the holder of the relay lease publishes. Here "another instance" is a plain
 * database session holding the lease row lock: while it does, this instance skips its rounds and publishes
 * nothing; once it lets go, this instance takes over without being asked again.
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

    @Test
    void noEventIsPublishedWhileAnotherInstanceHoldsTheLease() throws SQLException {
        UUID id;
        try (Connection otherInstance = connect()) {
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

    private static Connection connect() throws SQLException {
        TestInfrastructure infra = TestInfrastructure.get();
        return DriverManager.getConnection("jdbc:mysql://" + infra.dbHost() + ":" + infra.dbPort() + "/order_service",
                infra.dbUser(), infra.dbPassword());
    }
}
