package io.orderplatform.audit.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of audit entries, oldest first. */
@Schema(description = "A page of recorded events, oldest first")
public record EventPageView(
        List<AuditEntryView> items,
        @Schema(description = "Pass as cursor for the next page; null on the last page") String nextCursor) {
}
