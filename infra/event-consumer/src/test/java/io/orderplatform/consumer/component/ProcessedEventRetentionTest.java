package io.orderplatform.consumer.component;

import static io.orderplatform.consumer.component.ComponentFixtures.TIMEOUT;
import static io.orderplatform.testsupport.ServiceMetrics.exported;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.orderplatform.testsupport.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The processed-events log keeps 40 days (the shipped retention): the scheduled purge (every second here, two rows
 * per transaction) deletes older rows, keeps the others, and counts what it deleted.
 */
@QuarkusTest
class ProcessedEventRetentionTest {

    private static final String PURGED = "consumer_retention_purged_rows_total";

    private static final String INSERT_PROCESSED_DAYS_AGO = """
            INSERT INTO processed_event (event_id, order_id, event_type, sequence, source_partition, source_offset,
                processed_at)
            VALUES (?, ?, 'OrderCreated', 1, 0, 0, CURRENT_TIMESTAMP(6) - INTERVAL ? DAY)""";

    private static final String COUNT_PROCESSED = """
            SELECT COUNT(*) FROM processed_event
            WHERE event_id IN (SELECT id FROM JSON_TABLE(?, '$[*]' COLUMNS (id CHAR(36) CHARACTER SET ascii PATH '$')) AS ids)
            """;

    @Test
    void rowsOlderThanTheRetentionArePurgedInBatchesAndRecentRowsStay() throws SQLException {
        double purgedBefore = exported(PURGED);
        List<String> expired = insertProcessed(5, 41);
        List<String> kept = insertProcessed(3, 39);

        await().atMost(TIMEOUT).until(() -> count(expired) == 0);

        assertThat(count(kept)).isEqualTo(kept.size());
        await().atMost(TIMEOUT).until(() -> exported(PURGED) - purgedBefore == expired.size());
    }

    private static List<String> insertProcessed(int rows, int daysAgo) throws SQLException {
        List<String> eventIds = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement(INSERT_PROCESSED_DAYS_AGO)) {
            for (int i = 0; i < rows; i++) {
                String eventId = UUID.randomUUID().toString();
                insert.setString(1, eventId);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setInt(3, daysAgo);
                insert.executeUpdate();
                eventIds.add(eventId);
            }
        }
        return eventIds;
    }

    private static int count(List<String> eventIds) throws SQLException {
        String idsJson = "[" + String.join(",", eventIds.stream().map(id -> '"' + id + '"').toList()) + "]";
        try (Connection connection = connect(); PreparedStatement count = connection.prepareStatement(COUNT_PROCESSED)) {
            count.setString(1, idsJson);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        TestInfrastructure infra = TestInfrastructure.get();
        return DriverManager.getConnection(infra.jdbcUrl("event_consumer"), infra.dbUser(), infra.dbPassword());
    }
}
