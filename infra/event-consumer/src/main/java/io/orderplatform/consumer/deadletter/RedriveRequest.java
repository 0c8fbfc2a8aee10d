package io.orderplatform.consumer.deadletter;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What to send back: exactly one of {@code filter}, {@code ids} or {@code dlqOffsets}. Unknown properties are
 * refused, not ignored: a misspelt {@code dryRun} must not turn a dry run into a real one.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(description = "The dead letters to send back to this group's redrive topic: exactly one of filter, ids or "
        + "dlqOffsets")
public record RedriveRequest(
        @Schema(description = "The dead letters that match, oldest first; status defaults to NEW here (a redriven "
                + "one is sent again only when asked for with status REDRIVEN, or by id)") Filter filter,
        @Schema(description = "Ids of dead letters (the id of GET /admin/dead-letters)") List<Long> ids,
        @Schema(description = "Records of this group's dead-letter topic") List<DlqOffset> dlqOffsets,
        @Schema(description = "true: answer what would be sent, and send and change nothing; default false")
        Boolean dryRun,
        @Schema(description = "At most this many, from 1 to dead-letters.redrive.max-per-request (default 1000), "
                + "which is also the default") Integer limit) {

    /** The list's filters, as text: a bad one is a 400 naming {@code filter.<name>}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "RedriveFilter", description = "Same filters as GET /admin/dead-letters")
    public record Filter(
            @Schema(description = "A kind (SCHEMA_VIOLATION, DATA_REJECTED, ...) or a piece of the reason, any case")
            String reason,
            @Schema(description = "Dead-lettered at or after this ISO-8601 instant") String from,
            @Schema(description = "Dead-lettered before this ISO-8601 instant") String to,
            @Schema(description = "The envelope's eventId (a UUID)") String eventId,
            @Schema(description = "The envelope's orderId (a UUID)") String orderId,
            @Schema(description = "NEW (default) or REDRIVEN") String status) {
    }
}
