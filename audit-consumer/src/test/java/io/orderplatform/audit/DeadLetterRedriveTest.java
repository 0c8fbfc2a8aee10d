package io.orderplatform.audit;

import static io.orderplatform.audit.AuditTestSupport.TIMEOUT;
import static io.orderplatform.audit.AuditTestSupport.anyPartition;
import static io.orderplatform.audit.AuditTestSupport.entries;
import static io.orderplatform.audit.AuditTestSupport.recorded;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static io.orderplatform.testsupport.PoisonRecords.utf8;
import static io.orderplatform.testsupport.TopicReader.header;
import static io.restassured.RestAssured.given;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_REASON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.consumer.deadletter.RedriveHeaders;
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
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * audit-consumer's dead letters: indexed from its own dead-letter topic, and, once their cause is fixed, sent back
 * to its own redrive topic and recorded once, never reaching metrics-consumer's topics. The fixable dead letter is
 * written straight onto order-events-audit-dlq with SmallRye's headers: a valid event rejected earlier by the
 * database, for a cause since fixed.
 */
@QuarkusTest
class DeadLetterRedriveTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the audit trail. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("audit-tests", Roles.AUDIT_READ, Roles.OPERATOR);
    }

    private static final String REDRIVE_GROUP = "audit-consumer-redrive";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void aPoisonRecordThisGroupDeadLettersIsListedWithItsReason() {
        OrderEvent event = order("c1", line("poison", 1, "1.00")).created();
        ProducerRecord<String, String> template = OrderEventFixtures.record(event);
        companion.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>(Topics.ORDER_EVENTS, anyPartition(), template.key(),
                        utf8(PoisonRecords.withoutField(event, "sequence")), template.headers()))
                .awaitCompletion(TIMEOUT);
        ConsumerRecord<String, byte[]> deadLetter = TopicReader.awaitKeys(companion, Topics.AUDIT_DLQ,
                List.of(template.key()), 1, TIMEOUT).get(0);

        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(event.orderId()).size() == 1);

        assertThat(DeadLetterApi.ofOrder(event.orderId()).get(0))
                .containsEntry("eventId", event.eventId().toString())
                .containsEntry("reason", header(deadLetter, DEAD_LETTER_REASON))
                .containsEntry("dlqTopic", Topics.AUDIT_DLQ)
                .containsEntry("originalTopic", Topics.ORDER_EVENTS)
                .containsEntry("status", "NEW");
    }

    @Test
    void aDeadLetterWhoseCauseWasFixedIsRecordedOnceWhenRedrivenAndReachesThisGroupOnly() {
        OrderEvent created = order("c1", line("fixed", 1, "1.00")).created();
        String key = created.orderId().toString();
        long id = deadLetteredEarlier(created);

        JsonPath result = DeadLetterApi.redrive("{\"filter\": {\"eventId\": \"" + created.eventId() + "\"}}");

        assertThat(result.getString("redriveTopic")).isEqualTo(Topics.AUDIT_REDRIVE);
        assertThat(result.getInt("sent")).isEqualTo(1);
        assertThat(result.getLong("records[0].id")).isEqualTo(id);
        await().atMost(TIMEOUT).until(() -> recorded(created.eventId()));
        JsonPath entry = given().get("/audit/events/{id}", created.eventId()).then().statusCode(200).extract()
                .jsonPath();
        // Recorded as received: from the redrive topic, with its history.
        assertThat(entry.getString("kafka.topic")).isEqualTo(Topics.AUDIT_REDRIVE);
        assertThat(entry.getString("kafka.headers.'" + RedriveHeaders.COUNT + "'")).isEqualTo("1");
        assertThat(entry.getString("kafka.headers.'" + RedriveHeaders.ORIGINAL_TOPIC + "'"))
                .isEqualTo(Topics.ORDER_EVENTS);
        assertThat(DeadLetterApi.ofOrder(key).get(0)).containsEntry("status", "REDRIVEN");
        assertThat(TopicReader.readAllNow(companion, Topics.METRICS_REDRIVE, r -> key.equals(r.key()))).isEmpty();
        assertThat(TopicReader.readAllNow(companion, Topics.METRICS_DLQ, r -> key.equals(r.key()))).isEmpty();
        assertThat(TopicReader.readAllNow(companion, Topics.ORDER_EVENTS, r -> key.equals(r.key()))).isEmpty();
    }

    @Test
    void redrivingARecordedEventAgainRecordsNothingMore() {
        OrderEvent created = order("c1", line("twice", 1, "1.00")).created();
        String key = created.orderId().toString();
        long id = deadLetteredEarlier(created);
        DeadLetterApi.redrive("{\"ids\": [" + id + "]}");
        await().atMost(TIMEOUT).until(() -> recorded(created.eventId()));

        DeadLetterApi.redrive("{\"ids\": [" + id + "]}");

        List<ConsumerRecord<String, byte[]>> sent = TopicReader.awaitKeys(companion, Topics.AUDIT_REDRIVE,
                List.of(key), 2, TIMEOUT);
        long last = sent.stream().mapToLong(ConsumerRecord::offset).max().orElseThrow();
        await().atMost(TIMEOUT).until(() -> TopicReader.committedOffset(companion, REDRIVE_GROUP,
                Topics.AUDIT_REDRIVE, 0) > last);
        assertThat(entries(created.orderId())).isEqualTo(1);
        assertThat(DeadLetterApi.ofOrder(key)).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("status", "REDRIVEN").containsEntry("redriveCount", 2));
    }

    /** Writes the dead letter of {@code event} as SmallRye would have, and waits until it is indexed: its id. */
    private long deadLetteredEarlier(OrderEvent event) {
        DeadLetterFixtures.produce(companion, DeadLetterFixtures.deadLetter(Topics.AUDIT_DLQ,
                OrderEventFixtures.record(event), new Cause(Topics.ORDER_EVENTS, 0, 314,
                        "DATA_REJECTED: Data too long for column 'record_key' at row 1", "DATA_REJECTED",
                        "org.hibernate.exception.DataException")));
        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(event.orderId()).size() == 1);
        Map<String, Object> row = DeadLetterApi.ofOrder(event.orderId()).get(0);
        return ((Number) row.get("id")).longValue();
    }
}
