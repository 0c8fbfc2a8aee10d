package io.orderplatform.audit.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.orderplatform.audit.repository.AuditEntry;

/**
 * One event of the audit trail.
 *
 * @param envelope the record value as received, embedded as the JSON object it is: verbatim, not re-serialized
 *        (it was checked to be a valid event before it was recorded)
 */
public record AuditEntryView(UUID eventId, UUID orderId, String eventType, long sequence, Instant occurredAt,
        Instant recordedAt, boolean arrivedOutOfOrder, KafkaCoordinates kafka,
        @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "The envelope as received") String envelope) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.eventId(), entry.orderId(), entry.eventType(), entry.sequence(),
                entry.occurredAt(), entry.recordedAt(), entry.arrivedOutOfOrder(),
                new KafkaCoordinates(entry.topic(), entry.partition(), entry.offset(), entry.recordTimestamp(),
                        entry.recordKey(), entry.headers()),
                entry.envelope());
    }
}
