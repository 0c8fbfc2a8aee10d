package io.orderplatform.order.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OutboxRows;
import io.orderplatform.order.support.OutboxTable;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The retention job against the real database: sent outbox rows past the age and old idempotency keys go, recent
 * ones and unsent outbox rows (however old) stay, and the counters say how many went. While the test runs,
 * "another instance" holds the relay lease, so the unsent row stays unsent.
 */
@QuarkusTest
class RetentionTest {

    private static final String INSERT_KEY = """
            INSERT INTO idempotency_key (subject, idem_key, request_hash, order_id, created_at)
            VALUES (?, ?, REPEAT('0', 64), ?, UTC_TIMESTAMP(6) - INTERVAL ? SECOND)
            """;

    private static final String COUNT_KEYS = """
            SELECT COUNT(*) FROM idempotency_key WHERE subject = ? AND idem_key = ?
            """;

    private static final String DELETE_KEYS = """
            DELETE FROM idempotency_key WHERE subject = ?
            """;

    @Inject
    RetentionJob job;

    @Inject
    OutboxEventRepository outbox;

    private final String subject = "retention-test-" + UUID.randomUUID();
    private final UUID oldSent = UUID.randomUUID();
    private final UUID recentSent = UUID.randomUUID();
    private final UUID oldUnsent = UUID.randomUUID();
    private Connection otherInstance;

    @BeforeEach
    void anotherInstanceHoldsTheLease() throws SQLException {
        otherInstance = OutboxTable.holdRelayLease();
    }

    @AfterEach
    void removeRowsThenLetGo() throws SQLException {
        try {
            List.of(oldSent, recentSent, oldUnsent).forEach(OutboxTable::deleteOrder);
            try (Connection connection = OutboxTable.connect();
                    PreparedStatement delete = connection.prepareStatement(DELETE_KEYS)) {
                delete.setString(1, subject);
                delete.executeUpdate();
            }
        } finally {
            otherInstance.rollback();
            otherInstance.close();
        }
    }

    @Test
    void sentOutboxRowsPastTheirAgeGoAndRecentOrUnsentRowsStay() {
        OutboxTable.appendSent(oldSent, 1, 3, Duration.ofDays(8));
        OutboxTable.appendSent(recentSent, 1, 1, Duration.ofDays(6));
        OutboxTable.append(oldUnsent, 1, 1, "{}", Duration.ofDays(30));
        double before = purgedRows("outbox_event");

        RetentionJob.Purged purged = job.purge().await().atMost(Duration.ofSeconds(30));

        assertThat(OutboxRows.of(outbox, List.of(oldSent))).isEmpty();
        assertThat(OutboxRows.of(outbox, List.of(recentSent))).hasSize(1);
        assertThat(OutboxRows.of(outbox, List.of(oldUnsent))).singleElement()
                .satisfies(row -> assertThat(row.sentAt()).isNull());
        assertThat(purged.sentOutboxRows()).isGreaterThanOrEqualTo(3);
        assertThat(purgedRows("outbox_event")).isGreaterThanOrEqualTo(before + 3);
    }

    @Test
    void idempotencyKeysPastTheRetryWindowGoAndRecentOnesStay() throws SQLException {
        insertKey("old-key", Duration.ofHours(25));
        insertKey("recent-key", Duration.ofHours(1));
        double before = purgedRows("idempotency_key");

        RetentionJob.Purged purged = job.purge().await().atMost(Duration.ofSeconds(30));

        assertThat(keyExists("old-key")).isFalse();
        assertThat(keyExists("recent-key")).isTrue();
        assertThat(purged.idempotencyKeys()).isGreaterThanOrEqualTo(1);
        assertThat(purgedRows("idempotency_key")).isGreaterThanOrEqualTo(before + 1);
    }

    private void insertKey(String key, Duration age) throws SQLException {
        try (Connection connection = OutboxTable.connect();
                PreparedStatement insert = connection.prepareStatement(INSERT_KEY)) {
            insert.setString(1, subject);
            insert.setString(2, key);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setLong(4, age.toSeconds());
            insert.executeUpdate();
        }
    }

    private boolean keyExists(String key) throws SQLException {
        try (Connection connection = OutboxTable.connect();
                PreparedStatement count = connection.prepareStatement(COUNT_KEYS)) {
            count.setString(1, subject);
            count.setString(2, key);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1) == 1;
            }
        }
    }

    /** order_retention_purged_rows_total of one table. */
    private static double purgedRows(String table) {
        String series = "order_retention_purged_rows_total{";
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(series) && line.contains("table=\"" + table + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no series " + series + "table=" + table + "}"));
    }
}
