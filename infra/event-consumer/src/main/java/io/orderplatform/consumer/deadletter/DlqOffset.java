package io.orderplatform.consumer.deadletter;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A record of this group's dead-letter topic, by its partition and offset. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(description = "A record of this group's dead-letter topic")
public record DlqOffset(
        @Schema(description = "Partition of the dead-letter topic", required = true) Integer partition,
        @Schema(description = "Offset in that partition", required = true) Long offset) {
}
