package io.orderplatform.audit;

import static io.orderplatform.audit.AuditTestSupport.TIMEOUT;
import static io.orderplatform.audit.AuditTestSupport.anyPartition;
import static io.orderplatform.audit.AuditTestSupport.entries;
import static io.orderplatform.audit.AuditTestSupport.produce;
import static io.orderplatform.audit.AuditTestSupport.recorded;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static io.orderplatform.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.EventHeaders;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Topics;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;
import io.orderplatform.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Each kind of poison record lands in this group's dead-letter topic, intact and explained; the rest go on. */
@QuarkusTest
class DeadLetterTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    /** A poison record: its key, value bytes, and the kind of reason the DLQ record must carry. */
    private record Poison(String name, String key, byte[] value, String reasonKind) {
    }

    @Test
    void everyPoisonKindIsDeadLetteredWithItsOriginalBytesKeyHeadersAndReasonAndTheConsumerGoesOn() {
        OrderHistory order = order("c1", line("x", 1, "1.00"));
        OrderEvent valid = order.created();
        List<Poison> poisons = List.of(
                new Poison("malformed JSON", key(), utf8("{\"eventId\": \"" + UUID.randomUUID() + "\", "),
                        "MALFORMED_JSON"),
                new Poison("not UTF-8", key(), new byte[] { (byte) 0xC3, (byte) 0x28, '{', '}' }, "MALFORMED_JSON"),
                new Poison("not an object", key(), utf8("[1, 2, 3]"), "NOT_AN_OBJECT"),
                new Poison("unknown type", key(), utf8(withField(valid, "eventType", "OrderShipped")),
                        "SCHEMA_VIOLATION"),
                new Poison("no eventId", key(), utf8(withoutField(valid, "eventId")), "SCHEMA_VIOLATION"),
                new Poison("invalid payload", key(), utf8(withZeroQuantity(valid)), "SCHEMA_VIOLATION"),
                new Poison("key is not the orderId", key(), utf8(EventContract.toJson(valid)), "RECORD_MISMATCH"));
        int partition = anyPartition();

        List<RecordMetadata> written = companion.produce(String.class, byte[].class)
                .fromRecords(poisons.stream().map(p -> poisonRecord(p, valid, partition)).toList())
                .awaitCompletion(TIMEOUT).getRecords();
        OrderHistory next = order("c2", line("after-poison", 4, "2.50"));
        produce(companion, partition, next.created(), next.paid());

        List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.awaitKeys(companion, Topics.AUDIT_DLQ,
                poisons.stream().map(Poison::key).toList(), poisons.size(), TIMEOUT);
        Map<String, ConsumerRecord<String, byte[]>> byKey = new LinkedHashMap<>();
        deadLetters.forEach(r -> byKey.put(r.key(), r));
        for (int i = 0; i < poisons.size(); i++) {
            Poison poison = poisons.get(i);
            ConsumerRecord<String, byte[]> deadLetter = byKey.get(poison.key());
            assertThat(deadLetter).as("dead letter of %s", poison.name()).isNotNull();
            assertThat(deadLetter.value()).as(poison.name()).isEqualTo(poison.value());
            assertThat(header(deadLetter, "dead-letter-reason")).as(poison.name()).startsWith(poison.reasonKind());
            assertThat(header(deadLetter, "dead-letter-topic")).isEqualTo(Topics.ORDER_EVENTS);
            assertThat(header(deadLetter, "dead-letter-partition")).isEqualTo(String.valueOf(partition));
            assertThat(header(deadLetter, "dead-letter-offset")).isEqualTo(String.valueOf(written.get(i).offset()));
            // The original headers travel with the dead letter.
            assertThat(header(deadLetter, EventHeaders.EVENT_ID)).isEqualTo(valid.eventId().toString());
            assertThat(header(deadLetter, EventHeaders.EVENT_TYPE)).isEqualTo(valid.eventType().wireName());
        }
        // The valid order behind the poison in the same partition is recorded: the consumer went on.
        await().atMost(TIMEOUT).until(() -> entries(next.orderId()) == 2);
        // And no poison made it into the trail: not even the valid envelope under the wrong key.
        assertThat(recorded(valid.eventId())).isFalse();
    }

    @Test
    void aRecordWhoseReasonNamesTheBadFieldsExplainsItself() {
        OrderHistory order = order("c1", line("y", 1, "1.00"));
        String key = key();
        ObjectNode bad = (ObjectNode) EventContract.readTree(EventContract.toJson(order.created()));
        bad.remove("eventId");
        companion.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>(Topics.ORDER_EVENTS, key, utf8(bad.toString())))
                .awaitCompletion(TIMEOUT);

        ConsumerRecord<String, byte[]> deadLetter = TopicReader.awaitKeys(companion, Topics.AUDIT_DLQ,
                List.of(key), 1, TIMEOUT).get(0);

        assertThat(header(deadLetter, "dead-letter-reason")).contains("eventId");
    }

    private static ProducerRecord<String, byte[]> poisonRecord(Poison poison, OrderEvent headersOf, int partition) {
        ProducerRecord<String, String> template = OrderEventFixtures.record(poison.key(), "", headersOf);
        return new ProducerRecord<>(Topics.ORDER_EVENTS, partition, poison.key(), poison.value(), template.headers());
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String withField(OrderEvent event, String field, String value) {
        ObjectNode document = (ObjectNode) EventContract.readTree(EventContract.toJson(event));
        document.put(field, value);
        return document.toString();
    }

    private static String withoutField(OrderEvent event, String field) {
        ObjectNode document = (ObjectNode) EventContract.readTree(EventContract.toJson(event));
        document.remove(field);
        return document.toString();
    }

    private static String withZeroQuantity(OrderEvent event) {
        ObjectNode document = (ObjectNode) EventContract.readTree(EventContract.toJson(event));
        ((ObjectNode) document.get("payload").get("items").get(0)).put("quantity", 0);
        return document.toString();
    }
}
