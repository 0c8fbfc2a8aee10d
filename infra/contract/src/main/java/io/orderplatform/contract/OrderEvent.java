package io.orderplatform.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope of every record on the {@value Topics#ORDER_EVENTS} topic, as described by
 * {@code schema/order-event-v1.schema.json}.
 */
public record OrderEvent(UUID eventId, EventType eventType, UUID orderId, Instant occurredAt, long sequence,
        int version, OrderSnapshot payload) {

    /** The version of the envelope this code writes and reads. */
    public static final int CURRENT_VERSION = 1;
}
