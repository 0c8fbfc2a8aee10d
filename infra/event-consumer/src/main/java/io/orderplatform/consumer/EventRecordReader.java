package io.orderplatform.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.orderplatform.contract.EventHeaders;
import io.orderplatform.contract.InvalidEventException;
import io.orderplatform.contract.OrderEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Turns an order-events record into a {@link ConsumedEvent}, or says why it cannot be one. The value was read and
 * checked against the contract on the poll thread ({@link EventValueDeserializer}); here the record's key and headers
 * are checked against it.
 */
public final class EventRecordReader {

    private EventRecordReader() {
    }

    /** @throws InvalidEventException when the record breaks the contract: a permanent failure, for the DLQ */
    public static ConsumedEvent read(KafkaRecord<String, EventValue> record) {
        // Kafka hands a record without a value (a tombstone) over as null, without calling the deserializer.
        EventValue value = record.getPayload() == null ? EventValue.read(null) : record.getPayload();
        return read(record.getKey(), value, record.getHeaders(), record.getTopic(), record.getPartition(),
                offsetOf(record), record.getTimestamp());
    }

    /** The record's offset in its partition (-1 if it did not come from a Kafka consumer). */
    public static long offsetOf(KafkaRecord<?, ?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
    }

    /** @throws InvalidEventException when the record breaks the contract: a permanent failure, for the DLQ */
    public static ConsumedEvent read(String key, EventValue value, Headers headers, String topic, int partition,
            long offset, Instant timestamp) {
        OrderEvent event = value.event();
        Map<String, String> headerValues = headerValues(headers);
        List<String> mismatches = new ArrayList<>();
        if (!event.orderId().toString().equals(key)) {
            mismatches.add("record key " + (key == null ? "is missing" : "'" + key + "'")
                    + " but the event's orderId is " + event.orderId());
        }
        String headerEventId = headerValues.get(EventHeaders.EVENT_ID);
        if (headerEventId != null && !headerEventId.equals(event.eventId().toString())) {
            mismatches.add("header eventId '" + headerEventId + "' but the envelope's is " + event.eventId());
        }
        String headerEventType = headerValues.get(EventHeaders.EVENT_TYPE);
        if (headerEventType != null && !headerEventType.equals(event.eventType().wireName())) {
            mismatches.add("header eventType '" + headerEventType + "' but the envelope's is "
                    + event.eventType().wireName());
        }
        if (!mismatches.isEmpty()) {
            throw new InvalidEventException(InvalidEventException.Kind.RECORD_MISMATCH, mismatches, null);
        }
        return new ConsumedEvent(event, value.json(), key, headerValues, topic, partition, offset, timestamp);
    }

    private static Map<String, String> headerValues(Headers headers) {
        Map<String, String> values = new LinkedHashMap<>();
        if (headers != null) {
            for (Header header : headers) {
                values.put(header.key(), header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
