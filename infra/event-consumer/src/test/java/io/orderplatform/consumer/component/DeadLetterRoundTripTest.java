package io.orderplatform.consumer.component;

import static io.orderplatform.consumer.component.ComponentFixtures.TIMEOUT;
import static io.orderplatform.consumer.component.ComponentFixtures.applied;
import static io.orderplatform.consumer.component.ComponentFixtures.eventIds;
import static io.orderplatform.consumer.component.ComponentFixtures.produce;
import static io.orderplatform.consumer.component.ComponentFixtures.refusedByTheDatabase;
import static io.orderplatform.testsupport.TopicReader.header;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_OFFSET;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_PARTITION;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_REASON;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.consumer.DeadLetterReason;
import io.orderplatform.consumer.deadletter.RedriveHeaders;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.testsupport.DeadLetterApi;
import io.orderplatform.testsupport.ServiceMetrics;
import io.orderplatform.testsupport.TestInfrastructure;
import io.orderplatform.testsupport.Tokens;
import io.orderplatform.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The operator's round trip on the shared path, with a real data error: an event the database refuses (its customerId
 * is longer than the column) is dead-lettered, indexed with its kind, and, once the schema is fixed, redriven and
 * applied once; redriven before the fix, it comes back to the dead-letter topic once, with its history.
 */
@QuarkusTest
class DeadLetterRoundTripTest {

    /** The dead-letter API is called as an operator. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("component-tests", Roles.OPERATOR);
    }

    private static final String REDRIVE_GROUP = "component-test-redrive";
    /** The fix: the column made as wide as the contract allows. */
    private static final String WIDEN_CUSTOMER_ID = "ALTER TABLE applied_event MODIFY customer_id VARCHAR(64) NOT NULL";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @AfterEach
    void schemaAsShipped() throws SQLException {
        // The other component tests rely on the narrow column to make a data error.
        database("DELETE FROM applied_event WHERE CHAR_LENGTH(customer_id) > 32",
                "ALTER TABLE applied_event MODIFY customer_id VARCHAR(32) NOT NULL");
    }

    @Test
    void anEventTheDatabaseRefusedIsIndexedWithItsKindAndAppliedOnceWhenRedrivenAfterTheFix() throws SQLException {
        OrderEvent refused = refusedByTheDatabase();
        String orderId = refused.orderId().toString();
        produce(companion, List.of(refused));
        ConsumerRecord<String, byte[]> deadLetter = TopicReader.awaitKeys(companion, ComponentTestResources.DLQ,
                List.of(orderId), 1, TIMEOUT).get(0);
        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(orderId).size() == 1);
        assertThat(DeadLetterApi.ofOrder(orderId).get(0))
                .containsEntry("kind", "DATA_REJECTED")
                .containsEntry("reason", header(deadLetter, DEAD_LETTER_REASON))
                .containsEntry("eventId", refused.eventId().toString())
                .containsEntry("originalTopic", Topics.ORDER_EVENTS);
        assertThat(DeadLetterApi.summary(Map.of("reason", "data_rejected", "orderId", orderId)).getLong("total"))
                .isEqualTo(1);

        database(WIDEN_CUSTOMER_ID);
        JsonPath result = DeadLetterApi.redrive("{\"filter\": {\"reason\": \"DATA_REJECTED\", \"orderId\": \""
                + orderId + "\"}}");

        assertThat(result.getInt("sent")).isEqualTo(1);
        assertThat(result.getString("redriveTopic")).isEqualTo(ComponentTestResources.REDRIVE);
        await().atMost(TIMEOUT).until(() -> applied(eventIds(List.of(refused))) == 1);
        assertThat(DeadLetterApi.ofOrder(orderId)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("status", "REDRIVEN").containsEntry("redriveCount", 1));

        // Sent back once more, it is skipped as applied before: nothing new is applied or dead-lettered.
        double duplicatesBefore = ServiceMetrics.value("order_events_duplicates_total");
        DeadLetterApi.redrive("{\"filter\": {\"orderId\": \"" + orderId + "\", \"status\": \"REDRIVEN\"}}");
        await().atMost(TIMEOUT).until(() -> ServiceMetrics.value("order_events_duplicates_total") > duplicatesBefore);
        assertThat(TopicReader.readAllNow(companion, ComponentTestResources.DLQ, r -> orderId.equals(r.key())))
                .hasSize(1);
    }

    @Test
    void redrivenBeforeTheFixItIsDeadLetteredAgainExactlyOnceWithItsHistoryAndIndexedAsANewDeadLetter() {
        OrderEvent refused = refusedByTheDatabase();
        String orderId = refused.orderId().toString();
        produce(companion, List.of(refused));
        ConsumerRecord<String, byte[]> first = TopicReader.awaitKeys(companion, ComponentTestResources.DLQ,
                List.of(orderId), 1, TIMEOUT).get(0);
        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(orderId).size() == 1);
        Map<String, Object> original = DeadLetterApi.ofOrder(orderId).get(0);

        DeadLetterApi.redrive("{\"dlqOffsets\": [{\"partition\": " + first.partition() + ", \"offset\": "
                + first.offset() + "}]}");

        ConsumerRecord<String, byte[]> redriven = TopicReader.awaitKeys(companion, ComponentTestResources.REDRIVE,
                List.of(orderId), 1, TIMEOUT).get(0);
        await().atMost(TIMEOUT).until(() -> TopicReader.committedOffset(companion, REDRIVE_GROUP,
                ComponentTestResources.REDRIVE, 0) > redriven.offset());
        List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.readAllNow(companion,
                ComponentTestResources.DLQ, r -> orderId.equals(r.key()));
        assertThat(deadLetters).hasSize(2);
        ConsumerRecord<String, byte[]> again = deadLetters.get(1);
        assertThat(again.value()).isEqualTo(first.value());
        assertThat(header(again, DeadLetterReason.KIND_HEADER)).isEqualTo("DATA_REJECTED");
        assertThat(header(again, DEAD_LETTER_TOPIC)).isEqualTo(ComponentTestResources.REDRIVE);
        assertThat(header(again, DEAD_LETTER_PARTITION)).isEqualTo(String.valueOf(redriven.partition()));
        assertThat(header(again, DEAD_LETTER_OFFSET)).isEqualTo(String.valueOf(redriven.offset()));
        assertThat(header(again, RedriveHeaders.COUNT)).isEqualTo("1");
        assertThat(header(again, RedriveHeaders.ORIGINAL_TOPIC)).isEqualTo(header(first, DEAD_LETTER_TOPIC));
        assertThat(header(again, RedriveHeaders.ORIGINAL_PARTITION)).isEqualTo(header(first, DEAD_LETTER_PARTITION));
        assertThat(header(again, RedriveHeaders.ORIGINAL_OFFSET)).isEqualTo(header(first, DEAD_LETTER_OFFSET));
        assertThat(applied(eventIds(List.of(refused)))).isZero();

        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(orderId).size() == 2);
        Map<String, Object> newer = DeadLetterApi.ofOrder(orderId).get(0);
        assertThat(newer).containsEntry("status", "NEW").containsEntry("redriveCount", 1)
                .containsEntry("kind", "DATA_REJECTED")
                .containsEntry("originalTopic", original.get("originalTopic"))
                .containsEntry("originalPartition", original.get("originalPartition"))
                .containsEntry("originalOffset", original.get("originalOffset"))
                .containsEntry("firstDeadLetteredAt", original.get("deadLetteredAt"));
        assertThat(DeadLetterApi.ofOrder(orderId).get(1)).containsEntry("status", "REDRIVEN")
                .containsEntry("redriveCount", 1);
    }

    private static void database(String... statements) throws SQLException {
        TestInfrastructure infra = TestInfrastructure.get();
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl("event_consumer"), infra.dbUser(),
                infra.dbPassword()); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
