package io.orderplatform.audit.rest;

import java.util.List;

/** A page of audit entries, and how many match in all. */
public record EventPageView(List<AuditEntryView> items, int page, int size, long total) {
}
