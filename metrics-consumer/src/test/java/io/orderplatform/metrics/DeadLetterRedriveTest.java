package io.orderplatform.metrics;

import static io.orderplatform.metrics.MetricsTestSupport.anyPartition;
import static io.orderplatform.metrics.MetricsTestSupport.orders;
import static io.orderplatform.metrics.MetricsTestSupport.produce;
import static io.orderplatform.metrics.MetricsTestSupport.product;
import static io.orderplatform.metrics.MetricsTestSupport.units;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static io.orderplatform.testsupport.PoisonRecords.utf8;
import static io.orderplatform.testsupport.TopicReader.header;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_OFFSET;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_PARTITION;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_REASON;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.consumer.deadletter.RedriveHeaders;
import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.EventHeaders;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.testsupport.DeadLetterApi;
import io.orderplatform.testsupport.DeadLetterFixtures;
import io.orderplatform.testsupport.DeadLetterFixtures.Cause;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;
import io.orderplatform.testsupport.PoisonRecords;
import io.orderplatform.testsupport.Tokens;
import io.orderplatform.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Dead letters sent back once their cause is fixed (POST /admin/dead-letters/redrive): applied once through this
 * group's redrive topic, never twice, never to the other group; a dry run sends nothing; a record that still fails
 * comes back to the dead-letter topic once, with its history.
 * <p>
 * The fixable dead letter is written straight onto the dead-letter topic with SmallRye's headers: a valid
 * {@code OrderPaid} rejected earlier by the database (DATA_REJECTED), for a cause since fixed.
 */
@QuarkusTest
class DeadLetterRedriveTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the sales figures. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("metrics-tests", Roles.METRICS_READ, Roles.OPERATOR);
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String REDRIVE_GROUP = "metrics-consumer-redrive";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void aDeadLetterWhoseCauseWasFixedIsAppliedOnceRedrivenWithItsOriginalRecordAndHistory() {
        String product = product("fixed");
        OrderHistory order = order("c1", line(product, 3, "2.00"));
        produce(companion, anyPartition(), order.created());
        OrderEvent paid = order.paid();
        long id = deadLetteredEarlier(paid, 3, 4242);

        JsonPath result = DeadLetterApi.redrive("{\"filter\": {\"eventId\": \"" + paid.eventId() + "\"}}");

        assertThat(result.getBoolean("dryRun")).isFalse();
        assertThat(result.getString("redriveTopic")).isEqualTo(Topics.METRICS_REDRIVE);
        assertThat(result.getInt("selected")).isEqualTo(1);
        assertThat(result.getInt("sent")).isEqualTo(1);
        assertThat(result.getLong("records[0].id")).isEqualTo(id);
        assertThat(result.getString("records[0].outcome")).isEqualTo("SENT");
        await().atMost(TIMEOUT).until(() -> units(product) == 3);
        assertThat(orders(product)).isEqualTo(1);

        Map<String, Object> row = DeadLetterApi.ofOrder(paid.orderId()).get(0);
        assertThat(row).containsEntry("status", "REDRIVEN").containsEntry("redriveCount", 1);
        assertThat(row.get("lastRedrivenAt")).isNotNull();

        ConsumerRecord<String, byte[]> sent = TopicReader.awaitKeys(companion, Topics.METRICS_REDRIVE,
                List.of(paid.orderId().toString()), 1, TIMEOUT).get(0);
        assertThat(sent.value()).isEqualTo(utf8(EventContract.toJson(paid)));
        assertThat(header(sent, EventHeaders.EVENT_ID)).isEqualTo(paid.eventId().toString());
        assertThat(header(sent, EventHeaders.EVENT_TYPE)).isEqualTo(paid.eventType().wireName());
        assertThat(header(sent, RedriveHeaders.COUNT)).isEqualTo("1");
        assertThat(header(sent, RedriveHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.ORDER_EVENTS);
        assertThat(header(sent, RedriveHeaders.ORIGINAL_PARTITION)).isEqualTo("3");
        assertThat(header(sent, RedriveHeaders.ORIGINAL_OFFSET)).isEqualTo("4242");
        assertThat(header(sent, RedriveHeaders.FIRST_DEAD_LETTERED_AT)).isEqualTo(row.get("firstDeadLetteredAt"));
        assertThat(header(sent, RedriveHeaders.REQUESTED_AT)).isNotNull();
        assertThat(sent.headers()).extracting(Header::key).noneMatch(key -> key.startsWith("dead-letter-"));
    }

    @Test
    void redrivingAnAlreadyAppliedEventAgainChangesNothing() {
        String product = product("twice");
        OrderHistory order = order("c1", line(product, 2, "5.00"));
        produce(companion, anyPartition(), order.created());
        OrderEvent paid = order.paid();
        long id = deadLetteredEarlier(paid, 1, 77);
        DeadLetterApi.redrive("{\"ids\": [" + id + "]}");
        await().atMost(TIMEOUT).until(() -> units(product) == 2);

        JsonPath again = DeadLetterApi.redrive("{\"ids\": [" + id + "]}");

        assertThat(again.getInt("sent")).isEqualTo(1);
        assertThat(again.getInt("records[0].redriveCount")).isEqualTo(2);
        List<ConsumerRecord<String, byte[]>> sent = TopicReader.awaitKeys(companion, Topics.METRICS_REDRIVE,
                List.of(paid.orderId().toString()), 2, TIMEOUT);
        long last = sent.stream().mapToLong(ConsumerRecord::offset).max().orElseThrow();
        // Once this group committed past the second copy, it has processed it.
        await().atMost(TIMEOUT).until(() -> TopicReader.committedOffset(companion, REDRIVE_GROUP,
                Topics.METRICS_REDRIVE, 0) > last);
        assertThat(units(product)).isEqualTo(2);
        assertThat(orders(product)).isEqualTo(1);
        assertThat(DeadLetterApi.ofOrder(paid.orderId())).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("status", "REDRIVEN").containsEntry("redriveCount", 2));
    }

    @Test
    void aRedriveReachesThisGroupOnly() {
        OrderEvent created = order("c1", line(product("mine"), 1, "1.00")).created();
        String key = created.orderId().toString();
        long id = deadLetteredEarlier(created, 0, 5);

        DeadLetterApi.redrive("{\"ids\": [" + id + "]}");

        ConsumerRecord<String, byte[]> sent = TopicReader.awaitKeys(companion, Topics.METRICS_REDRIVE, List.of(key), 1,
                TIMEOUT).get(0);
        await().atMost(TIMEOUT).until(() -> TopicReader.committedOffset(companion, REDRIVE_GROUP,
                Topics.METRICS_REDRIVE, 0) > sent.offset());
        // Not on audit-consumer's topics, nor on order-events, which audit-consumer reads.
        assertThat(TopicReader.readAllNow(companion, Topics.AUDIT_REDRIVE, r -> key.equals(r.key()))).isEmpty();
        assertThat(TopicReader.readAllNow(companion, Topics.AUDIT_DLQ, r -> key.equals(r.key()))).isEmpty();
        assertThat(TopicReader.readAllNow(companion, Topics.ORDER_EVENTS, r -> key.equals(r.key()))).isEmpty();
    }

    @Test
    void aDryRunSaysWhatWouldBeSentAndSendsAndChangesNothing() {
        OrderEvent paid = order("c1", line(product("dry"), 1, "1.00")).paid();
        String key = paid.orderId().toString();
        long id = deadLetteredEarlier(paid, 4, 9);

        JsonPath result = DeadLetterApi.redrive("{\"filter\": {\"orderId\": \"" + key + "\"}, \"dryRun\": true}");

        assertThat(result.getBoolean("dryRun")).isTrue();
        assertThat(result.getInt("selected")).isEqualTo(1);
        assertThat(result.getInt("sent")).isZero();
        assertThat(result.getLong("records[0].id")).isEqualTo(id);
        assertThat(result.getString("records[0].key")).isEqualTo(key);
        assertThat(result.getString("records[0].eventId")).isEqualTo(paid.eventId().toString());
        assertThat(result.getInt("records[0].redriveCount")).isEqualTo(1);
        assertThat(result.getString("records[0].outcome")).isEqualTo("WOULD_SEND");
        assertThat(TopicReader.readAllNow(companion, Topics.METRICS_REDRIVE, r -> key.equals(r.key()))).isEmpty();
        assertThat(DeadLetterApi.ofOrder(key)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("status", "NEW").containsEntry("redriveCount", 0).containsEntry("lastRedrivenAt", null));
    }

    @Test
    void aRedrivenRecordThatStillFailsIsDeadLetteredAgainOnceWithItsRedriveHistory() {
        OrderEvent event = order("c1", line(product("still-poison"), 1, "1.00")).created();
        String key = event.orderId().toString();
        ProducerRecord<String, String> template = OrderEventFixtures.record(event);
        byte[] poison = utf8(PoisonRecords.withoutField(event, "sequence"));
        RecordMetadata written = companion.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>(Topics.ORDER_EVENTS, anyPartition(), key, poison, template.headers()))
                .awaitCompletion(TIMEOUT).getRecords().get(0);
        ConsumerRecord<String, byte[]> first = TopicReader.awaitKeys(companion, Topics.METRICS_DLQ, List.of(key), 1,
                TIMEOUT).get(0);
        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(key).size() == 1);

        JsonPath result = DeadLetterApi.redrive("{\"dlqOffsets\": [{\"partition\": " + first.partition()
                + ", \"offset\": " + first.offset() + "}]}");

        assertThat(result.getInt("sent")).isEqualTo(1);
        ConsumerRecord<String, byte[]> redriven = TopicReader.awaitKeys(companion, Topics.METRICS_REDRIVE,
                List.of(key), 1, TIMEOUT).get(0);
        await().atMost(TIMEOUT).until(() -> TopicReader.committedOffset(companion, REDRIVE_GROUP,
                Topics.METRICS_REDRIVE, 0) > redriven.offset());
        List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.readAllNow(companion, Topics.METRICS_DLQ,
                r -> key.equals(r.key()));
        assertThat(deadLetters).hasSize(2);
        ConsumerRecord<String, byte[]> again = deadLetters.get(1);
        assertThat(again.value()).isEqualTo(poison);
        assertThat(header(again, DEAD_LETTER_TOPIC)).isEqualTo(Topics.METRICS_REDRIVE);
        assertThat(header(again, DEAD_LETTER_PARTITION)).isEqualTo(String.valueOf(redriven.partition()));
        assertThat(header(again, DEAD_LETTER_OFFSET)).isEqualTo(String.valueOf(redriven.offset()));
        assertThat(header(again, DEAD_LETTER_REASON)).contains("sequence");
        assertThat(header(again, RedriveHeaders.COUNT)).isEqualTo("1");
        assertThat(header(again, RedriveHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.ORDER_EVENTS);
        assertThat(header(again, RedriveHeaders.ORIGINAL_PARTITION)).isEqualTo(String.valueOf(written.partition()));
        assertThat(header(again, RedriveHeaders.ORIGINAL_OFFSET)).isEqualTo(String.valueOf(written.offset()));
        assertThat(header(again, RedriveHeaders.FIRST_DEAD_LETTERED_AT))
                .isEqualTo(Instant.ofEpochMilli(first.timestamp()).toString());
        assertThat(header(again, EventHeaders.EVENT_ID)).isEqualTo(event.eventId().toString());

        // In the index: a new dead letter, one redrive further, linked to the same original record.
        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(key).size() == 2);
        List<Map<String, Object>> rows = DeadLetterApi.ofOrder(key);
        Map<String, Object> newer = rows.get(0);
        Map<String, Object> older = rows.get(1);
        assertThat(newer).containsEntry("status", "NEW").containsEntry("redriveCount", 1)
                .containsEntry("originalTopic", Topics.ORDER_EVENTS)
                .containsEntry("originalPartition", written.partition())
                .containsEntry("firstDeadLetteredAt", older.get("deadLetteredAt"));
        assertThat(((Number) newer.get("originalOffset")).longValue()).isEqualTo(written.offset());
        assertThat(((Number) newer.get("dlqOffset")).longValue()).isEqualTo(again.offset());
        assertThat(older).containsEntry("status", "REDRIVEN").containsEntry("redriveCount", 1);
        assertThat(rows).extracting(row -> ((Number) row.get("originalOffset")).longValue()).containsOnly(written.offset());
    }

    /**
     * Writes the dead letter of {@code event} as SmallRye would have for a database rejection of it at
     * order-events {@code partition}@{@code offset}, and waits until it is indexed: its id.
     */
    private long deadLetteredEarlier(OrderEvent event, int partition, long offset) {
        DeadLetterFixtures.produce(companion, DeadLetterFixtures.deadLetter(Topics.METRICS_DLQ,
                OrderEventFixtures.record(event), new Cause(Topics.ORDER_EVENTS, partition, offset,
                        "DATA_REJECTED: Data too long for column 'product_id' at row 1", "DATA_REJECTED",
                        "org.hibernate.exception.DataException")));
        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(event.orderId()).stream()
                .anyMatch(row -> event.eventId().toString().equals(row.get("eventId"))));
        return DeadLetterApi.ofOrder(event.orderId()).stream()
                .filter(row -> event.eventId().toString().equals(row.get("eventId")))
                .map(row -> ((Number) row.get("id")).longValue())
                .max(Comparator.naturalOrder()).orElseThrow();
    }
}
