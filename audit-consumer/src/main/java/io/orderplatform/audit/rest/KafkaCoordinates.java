package io.orderplatform.audit.rest;

import java.time.Instant;
import java.util.Map;

/** Where and how the event was received: the Kafka record it came in. */
public record KafkaCoordinates(String topic, int partition, long offset, Instant timestamp, String key,
        Map<String, String> headers) {
}
