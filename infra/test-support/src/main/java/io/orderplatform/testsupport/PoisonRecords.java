package io.orderplatform.testsupport;

import static io.orderplatform.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.EventHeaders;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Topics;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Records that break the event contract, one of each kind, and the assertion that a consumer group dead-lettered
 * them intact and explained. Every consumer service proves its dead-letter handling with these.
 */
public final class PoisonRecords {

    /** A poison record: what it is, its key, its value bytes, and the reason kind its dead letter must carry. */
    public record Poison(String name, String key, byte[] value, String reasonKind) {
    }

    private PoisonRecords() {
    }

    /** One record of each kind the contract refuses, built around a valid event. */
    public static List<Poison> everyKind(OrderEvent valid) {
        return List.of(
                new Poison("malformed JSON", key(), utf8("{\"eventId\": \"" + UUID.randomUUID() + "\", "),
                        "MALFORMED_JSON"),
                new Poison("not UTF-8", key(), new byte[] { (byte) 0xC3, (byte) 0x28, '{', '}' }, "MALFORMED_JSON"),
                new Poison("not an object", key(), utf8("[1, 2, 3]"), "NOT_AN_OBJECT"),
                new Poison("unknown type", key(), utf8(withField(valid, "eventType", "OrderShipped")),
                        "SCHEMA_VIOLATION"),
                new Poison("no eventId", key(), utf8(withoutField(valid, "eventId")), "SCHEMA_VIOLATION"),
                new Poison("invalid payload", key(), utf8(withZeroQuantity(valid)), "SCHEMA_VIOLATION"),
                new Poison("key is not the orderId", key(), utf8(EventContract.toJson(valid)), "RECORD_MISMATCH"));
    }

    /**
     * Produces the poison records, in order, to one partition of order-events, each with the headers of
     * {@code headersOf}; returns what the broker acknowledged, in the same order.
     */
    public static List<RecordMetadata> produce(KafkaCompanion companion, List<Poison> poisons, OrderEvent headersOf,
            int partition, Duration timeout) {
        List<ProducerRecord<String, byte[]>> records = poisons.stream().map(poison -> {
            ProducerRecord<String, String> template = OrderEventFixtures.record(poison.key(), "", headersOf);
            return new ProducerRecord<>(Topics.ORDER_EVENTS, partition, poison.key(), poison.value(),
                    template.headers());
        }).toList();
        return companion.produce(String.class, byte[].class).fromRecords(records).awaitCompletion(timeout)
                .getRecords();
    }

    /**
     * Waits for the dead letter of each poison record on {@code deadLetterTopic} and asserts it is the original
     * record (value bytes, key, headers) plus the reason and where it came from.
     */
    public static void assertDeadLettered(KafkaCompanion companion, String deadLetterTopic, List<Poison> poisons,
            List<RecordMetadata> written, OrderEvent headersOf, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.awaitKeys(companion, deadLetterTopic,
                poisons.stream().map(Poison::key).toList(), poisons.size(), timeout);
        Map<String, ConsumerRecord<String, byte[]>> byKey = new LinkedHashMap<>();
        deadLetters.forEach(r -> byKey.put(r.key(), r));
        for (int i = 0; i < poisons.size(); i++) {
            Poison poison = poisons.get(i);
            ConsumerRecord<String, byte[]> deadLetter = byKey.get(poison.key());
            assertThat(deadLetter).as("dead letter of %s", poison.name()).isNotNull();
            assertThat(deadLetter.value()).as(poison.name()).isEqualTo(poison.value());
            assertThat(header(deadLetter, "dead-letter-reason")).as(poison.name()).startsWith(poison.reasonKind());
            assertThat(header(deadLetter, "dead-letter-topic")).isEqualTo(Topics.ORDER_EVENTS);
            assertThat(header(deadLetter, "dead-letter-partition"))
                    .isEqualTo(String.valueOf(written.get(i).partition()));
            assertThat(header(deadLetter, "dead-letter-offset")).isEqualTo(String.valueOf(written.get(i).offset()));
            // The original headers travel with the dead letter.
            assertThat(header(deadLetter, EventHeaders.EVENT_ID)).isEqualTo(headersOf.eventId().toString());
            assertThat(header(deadLetter, EventHeaders.EVENT_TYPE)).isEqualTo(headersOf.eventType().wireName());
        }
    }

    /** The event's JSON without one top-level field. */
    public static String withoutField(OrderEvent event, String field) {
        ObjectNode document = document(event);
        document.remove(field);
        return document.toString();
    }

    private static String withField(OrderEvent event, String field, String value) {
        ObjectNode document = document(event);
        document.put(field, value);
        return document.toString();
    }

    private static String withZeroQuantity(OrderEvent event) {
        ObjectNode document = document(event);
        ((ObjectNode) document.get("payload").get("items").get(0)).put("quantity", 0);
        return document.toString();
    }

    private static ObjectNode document(OrderEvent event) {
        return (ObjectNode) EventContract.readTree(EventContract.toJson(event));
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
