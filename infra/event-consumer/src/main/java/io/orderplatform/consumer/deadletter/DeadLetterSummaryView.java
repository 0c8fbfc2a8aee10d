package io.orderplatform.consumer.deadletter;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How many dead letters match, by kind, by reason and by hour or day. */
@RegisterForReflection
@Schema(description = "Counts of the dead letters that match")
public record DeadLetterSummaryView(
        long total,
        @Schema(description = "hour or day: the size of the byTime buckets (UTC)") String by,
        @Schema(description = "By kind, most frequent first; kind null for dead letters without one")
        List<KindCount> byKind,
        @Schema(description = "By reason (its first 200 characters), the 20 most frequent") List<ReasonCount> byReason,
        @Schema(description = "By hour or day of dead-lettering, oldest first; empty buckets left out")
        List<TimeCount> byTime) {

    @RegisterForReflection
    public record KindCount(String kind, long count) {
    }

    @RegisterForReflection
    public record ReasonCount(String reason, long count) {
    }

    @RegisterForReflection
    public record TimeCount(@Schema(description = "Start of the hour or day (UTC)") Instant start, long count) {
    }
}
