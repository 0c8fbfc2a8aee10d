package io.orderplatform.consumer.deadletter;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A page of dead letters, newest first. */
@RegisterForReflection
@Schema(description = "A page of dead letters, newest first")
public record DeadLetterPageView(
        List<DeadLetterView> items,
        @Schema(description = "Pass as cursor for the next page; null on the last page") String nextCursor) {
}
