package io.orderplatform.consumer.deadletter;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a redrive sent, or, for a dry run, would send. */
@RegisterForReflection
@Schema(description = "What a redrive sent, or would send (dry run)")
public record RedriveResult(
        @Schema(description = "true: nothing was sent or changed") boolean dryRun,
        @Schema(description = "This group's redrive topic") String redriveTopic,
        @Schema(description = "How many dead letters were chosen (what a dry run would send)") int selected,
        @Schema(description = "How many were sent and acknowledged by the broker, and marked REDRIVEN") int sent,
        @Schema(description = "How many were chosen but not sent (after a send failed, the rest are not tried)")
        int notSent,
        @Schema(description = "More dead letters match the filter than the limit let through") boolean more,
        @Schema(description = "Why a send failed, when one did") String error,
        @Schema(description = "The chosen dead letters, in the order they were (or would be) sent")
        List<Item> records) {

    /** What happened to one chosen dead letter. */
    public enum Outcome {
        WOULD_SEND,
        SENT,
        NOT_SENT
    }

    /**
     * @param redriveCount the redrive-count header it was (or would be) sent with
     */
    @RegisterForReflection
    @Schema(name = "RedrivenDeadLetter")
    public record Item(long id, String key, UUID eventId, UUID orderId, int redriveCount, Outcome outcome) {
    }
}
