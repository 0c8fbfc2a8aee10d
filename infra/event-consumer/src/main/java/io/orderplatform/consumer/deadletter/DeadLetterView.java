package io.orderplatform.consumer.deadletter;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A dead letter in a list: everything but its value and headers (see {@link DeadLetterDetailView}). Also the
 * Panache projection of {@link DeadLetter} the list is read with (its components are named after the entity's
 * fields), so a page never loads the values.
 */
@RegisterForReflection
@Schema(name = "DeadLetter", description = "A record of this consumer group's dead-letter topic")
public record DeadLetterView(
        @Schema(description = "Id of the dead letter in this service's index; what a redrive by ids names") Long id,
        @JsonProperty("key") @Schema(description = "The record key (the order id for a valid event)") String recordKey,
        @Schema(description = "The envelope's eventId, when the value parses as JSON that far; else null") UUID eventId,
        @Schema(description = "The envelope's orderId, when the value parses as JSON that far; else null") UUID orderId,
        @Schema(description = "Why it was dead-lettered (the dead-letter-reason header)") String reason,
        @Schema(description = "A contract violation kind (MALFORMED_JSON, NOT_AN_OBJECT, SCHEMA_VIOLATION, "
                + "RECORD_MISMATCH) or DATA_REJECTED (the dead-letter-kind header); null on records dead-lettered "
                + "before that header existed") String kind,
        @Schema(description = "Topic the record was first consumed from (order-events), also after a redrive")
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        @Schema(description = "When this dead letter was written (its record timestamp)") Instant deadLetteredAt,
        @Schema(description = "When the original record was first dead-lettered") Instant firstDeadLetteredAt,
        @Schema(description = "How many times the record had been redriven: when it was stored, then with its last "
                + "redrive") int redriveCount,
        @Schema(description = "NEW, or REDRIVEN once sent back and acknowledged by the broker") DeadLetterStatus status,
        Instant lastRedrivenAt,
        @Schema(description = "Where the dead letter is: this group's dead-letter topic") String dlqTopic,
        int dlqPartition,
        long dlqOffset) {

    static DeadLetterView of(DeadLetter d) {
        return new DeadLetterView(d.id(), d.recordKey(), d.eventId(), d.orderId(), d.reason(), d.kind(),
                d.originalTopic(), d.originalPartition(), d.originalOffset(), d.deadLetteredAt(),
                d.firstDeadLetteredAt(), d.redriveCount(), d.status(), d.lastRedrivenAt(), d.dlqTopic(),
                d.dlqPartition(), d.dlqOffset());
    }
}
