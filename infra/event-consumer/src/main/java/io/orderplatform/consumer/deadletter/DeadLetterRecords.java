package io.orderplatform.consumer.deadletter;

import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_OFFSET;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_PARTITION;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_REASON;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_TOPIC;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.apache.kafka.common.header.Headers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.orderplatform.consumer.DeadLetterReason;
import io.orderplatform.consumer.EventRecordReader;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * Turns a record of the dead-letter topic into a {@link DeadLetter}. Total: whatever the record holds (no headers,
 * garbage in them, a value that is not JSON), it gives a dead letter and never throws, so that the index never
 * stops on a record it cannot understand.
 */
public final class DeadLetterRecords {

    static final int MAX_KIND_LENGTH = 64;
    /** Kafka's limit on a topic name. */
    private static final int MAX_TOPIC_LENGTH = 249;
    private static final JsonFactory JSON = new JsonFactory();

    private DeadLetterRecords() {
    }

    public static DeadLetter read(KafkaRecord<String, byte[]> record) {
        return read(record.getTopic(), record.getPartition(), EventRecordReader.offsetOf(record), record.getKey(),
                record.getPayload(), record.getHeaders(), record.getTimestamp());
    }

    /**
     * @param timestamp the dead letter's record timestamp: when SmallRye produced it (null or before 1970 when the
     *        record has none, then the time it is read)
     */
    public static DeadLetter read(String dlqTopic, int dlqPartition, long dlqOffset, String key, byte[] value,
            Headers headers, Instant timestamp) {
        Instant deadLetteredAt = timestamp == null || timestamp.toEpochMilli() < 0 ? Instant.now() : timestamp;
        EnvelopeIds ids = EnvelopeIds.of(value);
        // A record that failed again after a redrive carries where it first came from; its dead-letter-topic is
        // only the redrive topic.
        boolean redriven = DeadLetterHeaders.last(headers, RedriveHeaders.ORIGINAL_TOPIC) != null;
        String originalTopic = redriven ? DeadLetterHeaders.last(headers, RedriveHeaders.ORIGINAL_TOPIC)
                : DeadLetterHeaders.first(headers, DEAD_LETTER_TOPIC);
        String originalPartition = redriven ? DeadLetterHeaders.last(headers, RedriveHeaders.ORIGINAL_PARTITION)
                : DeadLetterHeaders.first(headers, DEAD_LETTER_PARTITION);
        String originalOffset = redriven ? DeadLetterHeaders.last(headers, RedriveHeaders.ORIGINAL_OFFSET)
                : DeadLetterHeaders.first(headers, DEAD_LETTER_OFFSET);
        Instant firstDeadLetteredAt = instant(DeadLetterHeaders.last(headers, RedriveHeaders.FIRST_DEAD_LETTERED_AT));
        Integer redriveCount = wholeNumber(DeadLetterHeaders.last(headers, RedriveHeaders.COUNT));
        return new DeadLetter(dlqTopic, dlqPartition, dlqOffset, key, value, DeadLetterHeaders.toJson(headers),
                ids.eventId(), ids.orderId(), DeadLetterHeaders.first(headers, DEAD_LETTER_REASON),
                upTo(DeadLetterHeaders.last(headers, DeadLetterReason.KIND_HEADER), MAX_KIND_LENGTH),
                upTo(originalTopic, MAX_TOPIC_LENGTH), wholeNumber(originalPartition), longNumber(originalOffset),
                deadLetteredAt, firstDeadLetteredAt == null ? deadLetteredAt : firstDeadLetteredAt,
                redriveCount == null || redriveCount < 0 ? 0 : redriveCount);
    }

    /**
     * The eventId and orderId of an envelope, read from its top-level fields as far as the value parses as JSON: a
     * value cut short after its {@code eventId} still gives the eventId. Null for what is missing or not a UUID.
     */
    record EnvelopeIds(UUID eventId, UUID orderId) {

        static EnvelopeIds of(byte[] value) {
            UUID eventId = null;
            UUID orderId = null;
            if (value == null) {
                return new EnvelopeIds(null, null);
            }
            try (JsonParser parser = JSON.createParser(value)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return new EnvelopeIds(null, null);
                }
                for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                    String field = parser.currentName();
                    JsonToken fieldValue = parser.nextToken();
                    if (fieldValue == JsonToken.VALUE_STRING && "eventId".equals(field) && eventId == null) {
                        eventId = uuid(parser.getText());
                    } else if (fieldValue == JsonToken.VALUE_STRING && "orderId".equals(field) && orderId == null) {
                        orderId = uuid(parser.getText());
                    } else {
                        parser.skipChildren();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Malformed from here on (or not UTF-8): what was read before stands.
            }
            return new EnvelopeIds(eventId, orderId);
        }
    }

    private static UUID uuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equalsIgnoreCase(text) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Integer wholeNumber(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longNumber(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String upTo(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
