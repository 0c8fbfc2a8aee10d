package io.orderplatform.audit.repository;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One recorded entry of the audit trail, as stored.
 *
 * @param envelope the record value exactly as received
 * @param headers the record headers as UTF-8 strings
 */
public record AuditEntry(UUID eventId, UUID orderId, String eventType, long sequence, Instant occurredAt,
        Instant recordedAt, boolean arrivedOutOfOrder, String topic, int partition, long offset,
        Instant recordTimestamp, String recordKey, Map<String, String> headers, String envelope) {
}
