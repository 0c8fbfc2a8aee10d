package io.orderplatform.metrics;

import static io.orderplatform.metrics.MetricsTestSupport.anyPartition;
import static io.orderplatform.metrics.MetricsTestSupport.product;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static io.orderplatform.testsupport.PoisonRecords.utf8;
import static io.orderplatform.testsupport.TopicReader.header;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_REASON;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.consumer.DeadLetterReason;
import io.orderplatform.consumer.deadletter.DeadLetterRecords;
import io.orderplatform.consumer.deadletter.DeadLetterRepository;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.testsupport.DeadLetterApi;
import io.orderplatform.testsupport.DeadLetterFixtures;
import io.orderplatform.testsupport.DeadLetterFixtures.Cause;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.orderplatform.testsupport.PoisonRecords;
import io.orderplatform.testsupport.Tokens;
import io.orderplatform.testsupport.TopicReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * This group's dead letters, as an operator sees them at /admin/dead-letters: each one indexed once from the
 * dead-letter topic with where it came from and why, listed, filtered, paged and counted.
 */
@QuarkusTest
class DeadLetterInspectionTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the sales figures. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("metrics-tests", Roles.METRICS_READ, Roles.OPERATOR);
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    DeadLetterRepository repository;

    @Test
    void aPoisonRecordIsListedWithItsKeyIdsReasonAndWhereItCameFrom() {
        OrderEvent event = order("c1", line(product("poison"), 1, "1.00")).created();
        String key = event.orderId().toString();
        RecordMetadata written = producePoison(event);

        ConsumerRecord<String, byte[]> deadLetter = TopicReader.awaitKeys(companion, Topics.METRICS_DLQ, List.of(key),
                1, TIMEOUT).get(0);
        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(event.orderId()).size() == 1);

        Map<String, Object> listed = DeadLetterApi.ofOrder(event.orderId()).get(0);
        assertThat(listed).containsEntry("key", key)
                .containsEntry("eventId", event.eventId().toString())
                .containsEntry("orderId", key)
                .containsEntry("reason", header(deadLetter, DEAD_LETTER_REASON))
                .containsEntry("kind", header(deadLetter, DeadLetterReason.KIND_HEADER))
                .containsEntry("originalTopic", header(deadLetter, DEAD_LETTER_TOPIC))
                .containsEntry("originalPartition", written.partition())
                .containsEntry("dlqTopic", Topics.METRICS_DLQ)
                .containsEntry("dlqPartition", deadLetter.partition())
                .containsEntry("status", "NEW")
                .containsEntry("redriveCount", 0);
        assertThat(listed.get("originalTopic")).isEqualTo(Topics.ORDER_EVENTS);
        assertThat(((Number) listed.get("originalOffset")).longValue()).isEqualTo(written.offset());
        assertThat(((Number) listed.get("dlqOffset")).longValue()).isEqualTo(deadLetter.offset());
        assertThat((String) listed.get("reason")).contains("sequence");
        assertThat(Instant.parse((String) listed.get("deadLetteredAt")))
                .isEqualTo(Instant.ofEpochMilli(deadLetter.timestamp()));
        assertThat(listed.get("lastRedrivenAt")).isNull();
    }

    @Test
    void oneDeadLetterShowsItsValueAndEveryHeader() {
        OrderEvent event = order("c1", line(product("detail"), 1, "1.00")).created();
        producePoison(event);
        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(event.orderId()).size() == 1);

        JsonPath detail = DeadLetterApi.detail(DeadLetterApi.ofOrder(event.orderId()).get(0).get("id"));

        assertThat(detail.getString("value")).isEqualTo(PoisonRecords.withoutField(event, "sequence"));
        assertThat(detail.getList("headers.key", String.class))
                .contains("eventId", "eventType", DEAD_LETTER_REASON, DEAD_LETTER_TOPIC);
        assertThat(detail.getString("deadLetter.eventId")).isEqualTo(event.eventId().toString());
    }

    @Test
    void theSummaryCountsByKindReasonAndHourOrDay() {
        OrderEvent event = order("c1", line(product("summary"), 1, "1.00")).created();
        producePoison(event);
        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(event.orderId()).size() == 1);
        Map<String, Object> listed = DeadLetterApi.ofOrder(event.orderId()).get(0);
        Instant at = Instant.parse((String) listed.get("deadLetteredAt"));

        JsonPath byHour = DeadLetterApi.summary(Map.of("orderId", event.orderId().toString(), "by", "hour"));
        JsonPath byDay = DeadLetterApi.summary(Map.of("orderId", event.orderId().toString()));

        assertThat(byHour.getLong("total")).isEqualTo(1);
        assertThat(byHour.getString("by")).isEqualTo("hour");
        assertThat(byHour.getList("byKind")).hasSize(1);
        assertThat(byHour.getString("byKind[0].kind")).isEqualTo(listed.get("kind"));
        assertThat(byHour.getLong("byKind[0].count")).isEqualTo(1);
        assertThat(byHour.getString("byReason[0].reason")).startsWith("SCHEMA_VIOLATION").contains("sequence");
        assertThat(byHour.getLong("byReason[0].count")).isEqualTo(1);
        assertThat(byHour.getList("byTime")).hasSize(1);
        assertThat(Instant.parse(byHour.getString("byTime[0].start"))).isEqualTo(at.truncatedTo(ChronoUnit.HOURS));
        assertThat(byHour.getLong("byTime[0].count")).isEqualTo(1);
        assertThat(byDay.getString("by")).isEqualTo("day");
        assertThat(Instant.parse(byDay.getString("byTime[0].start"))).isEqualTo(at.truncatedTo(ChronoUnit.DAYS));
    }

    @Test
    void reasonMatchesAKindOrAPieceOfTheReasonWithoutRegardToCaseAndTimeAndStatusNarrowTheList() {
        OrderEvent event = order("c1", line(product("rejected"), 1, "1.00")).paid();
        String orderId = event.orderId().toString();
        DeadLetterFixtures.produce(companion, DeadLetterFixtures.deadLetter(Topics.METRICS_DLQ,
                OrderEventFixtures.record(event), dataRejected(17)));
        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(orderId).size() == 1);
        String at = (String) DeadLetterApi.ofOrder(orderId).get(0).get("deadLetteredAt");

        assertThat(DeadLetterApi.list(Map.of("orderId", orderId, "reason", "data_rejected"))).hasSize(1);
        assertThat(DeadLetterApi.list(Map.of("orderId", orderId, "reason", "TOO LONG for column"))).hasSize(1);
        assertThat(DeadLetterApi.list(Map.of("orderId", orderId, "reason", "SCHEMA_VIOLATION"))).isEmpty();
        assertThat(DeadLetterApi.list(Map.of("orderId", orderId, "reason", "100%"))).isEmpty();
        assertThat(DeadLetterApi.list(Map.of("orderId", orderId, "eventId", event.eventId().toString()))).hasSize(1);
        assertThat(DeadLetterApi.list(Map.of("orderId", orderId, "status", "NEW"))).hasSize(1);
        assertThat(DeadLetterApi.list(Map.of("orderId", orderId, "status", "REDRIVEN"))).isEmpty();
        assertThat(DeadLetterApi.list(Map.of("orderId", orderId, "from", at))).hasSize(1);
        assertThat(DeadLetterApi.list(Map.of("orderId", orderId, "to", at))).isEmpty();
        assertThat(DeadLetterApi.summary(Map.of("orderId", orderId)).getString("byKind[0].kind"))
                .isEqualTo("DATA_REJECTED");
    }

    @Test
    void pagesAreNewestFirstAndAKeysetCursorLeadsToTheNextWithoutOverlap() {
        var order = order("c1", line(product("paged"), 1, "1.00"));
        List<OrderEvent> events = List.of(order.created(), order.paid(), order.cancelled(3, true));
        for (OrderEvent event : events) {
            DeadLetterFixtures.produce(companion, DeadLetterFixtures.deadLetter(Topics.METRICS_DLQ,
                    OrderEventFixtures.record(event), dataRejected(events.indexOf(event))));
        }
        String orderId = order.orderId().toString();
        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(orderId).size() == 3);

        JsonPath first = DeadLetterApi.page(Map.of("orderId", orderId, "limit", 2));
        JsonPath second = DeadLetterApi.page(Map.of("orderId", orderId, "limit", 2,
                "cursor", first.getString("nextCursor")));

        // Written one after the other to one partition: newest first is the reverse of that order.
        assertThat(first.getList("items.eventId", String.class)).containsExactly(events.get(2).eventId().toString(),
                events.get(1).eventId().toString());
        assertThat(second.getList("items.eventId", String.class))
                .containsExactly(events.get(0).eventId().toString());
        assertThat(second.getString("nextCursor")).isNull();
    }

    @Test
    void readingTheSameDeadLetterAgainAddsNothing() throws Throwable {
        OrderEvent event = order("c1", line(product("again"), 1, "1.00")).created();
        producePoison(event);
        String key = event.orderId().toString();
        ConsumerRecord<String, byte[]> deadLetter = TopicReader.awaitKeys(companion, Topics.METRICS_DLQ, List.of(key),
                1, TIMEOUT).get(0);
        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(key).size() == 1);

        // What the dead-letters channel does with a record it reads again (a restart before its offset was committed).
        int stored = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> repository
                .storeUnlessStored(List.of(DeadLetterRecords.read(deadLetter.topic(), deadLetter.partition(),
                        deadLetter.offset(), deadLetter.key(), deadLetter.value(), deadLetter.headers(),
                        Instant.ofEpochMilli(deadLetter.timestamp()))))));

        assertThat(stored).isZero();
        assertThat(DeadLetterApi.ofOrder(key)).hasSize(1);
    }

    /** A record whose envelope lacks its sequence, keyed and headed like a real one: dead-lettered by this group. */
    private RecordMetadata producePoison(OrderEvent event) {
        ProducerRecord<String, String> template = OrderEventFixtures.record(event);
        return companion.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>(Topics.ORDER_EVENTS, anyPartition(), template.key(),
                        utf8(PoisonRecords.withoutField(event, "sequence")), template.headers()))
                .awaitCompletion(TIMEOUT).getRecords().get(0);
    }

    private static Cause dataRejected(long offset) {
        return new Cause(Topics.ORDER_EVENTS, 2, offset, "DATA_REJECTED: Data too long for column 'product_id' at row 1",
                "DATA_REJECTED", "org.hibernate.exception.DataException");
    }
}
