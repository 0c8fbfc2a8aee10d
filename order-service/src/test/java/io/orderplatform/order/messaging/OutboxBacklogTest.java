package io.orderplatform.order.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OutboxTable;
import io.orderplatform.testsupport.ServiceMetrics;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The backlog gauges, measured without counting the whole backlog: while "another instance" holds the relay lease
 * (so nothing is sent), rows are added to the outbox and the gauges report them.
 */
@QuarkusTest
class OutboxBacklogTest {

    private final UUID order = UUID.randomUUID();
    private Connection otherInstance;

    @BeforeEach
    void anotherInstanceHoldsTheLease() throws SQLException {
        otherInstance = OutboxTable.holdRelayLease();
    }

    /** The rows go before the lease is let go: nothing of them is ever sent. */
    @AfterEach
    void removeRowsThenLetGo() throws SQLException {
        try {
            OutboxTable.deleteOrder(order);
        } finally {
            otherInstance.rollback();
            otherInstance.close();
        }
    }

    @Test
    void theGaugesReportHowManyEventsWaitAndHowLongTheOldestHasWaited() {
        OutboxTable.append(order, 1, 5, "{}", Duration.ofSeconds(120));

        await("the backlog measured").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> ServiceMetrics.exported("outbox_backlog") == 5);
        assertThat(ServiceMetrics.exported("outbox_oldest_unsent_age_seconds")).isBetween(120.0, 180.0);
        assertThat(ServiceMetrics.exported("outbox_retrying")).isZero();
    }

    @Test
    void aBacklogBeyondTheExactLimitIsReportedAsAnUpperBoundEstimate() {
        int rows = (int) OutboxEventRepository.EXACT_COUNT_LIMIT + 50;
        OutboxTable.append(order, 1, rows, "{}", Duration.ZERO);

        await("the backlog measured").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> ServiceMetrics.exported("outbox_backlog") >= rows);
        given().get("/q/health/group/outbox").then()
                .body("checks.find { it.name == 'outbox' }.data.backlogExact", org.hamcrest.Matchers.equalTo(false));
    }
}
