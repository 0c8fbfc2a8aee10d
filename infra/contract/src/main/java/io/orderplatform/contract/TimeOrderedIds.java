package io.orderplatform.contract;

import java.util.UUID;

/**
 * The platform's order and event ids (order-service makes them; the benchmarks' synthetic backlogs too): UUIDs that
 * sort by creation time (RFC 9562 version 7). A new row lands at the right edge of every index keyed on them
 * (orders.id, outbox_event.event_id, the consumers' processed_event.event_id), so an insert touches pages already in
 * memory however large the tables grow; random (version 4) ids spread inserts over the whole index, which stops
 * fitting in the buffer pool at a few million rows.
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    /**
     * The millisecond clock in the first 48 bits, then version 7 and the random bits of a version 4 UUID (its
     * variant bits are already RFC 9562's). Built on {@link UUID#randomUUID()} rather than Hibernate's
     * UuidVersion7Strategy: that one keeps a SecureRandom in a static field, which a native image must not hold.
     */
    public static UUID next() {
        UUID random = UUID.randomUUID();
        long mostSignificant = System.currentTimeMillis() << 16 | 0x7000L
                | random.getMostSignificantBits() & 0x0FFFL;
        return new UUID(mostSignificant, random.getLeastSignificantBits());
    }
}
