package io.orderplatform.audit.rest;

import java.util.List;
import java.util.UUID;

import io.orderplatform.audit.domain.SequenceGaps;
import io.orderplatform.audit.repository.AuditEntry;

/**
 * An order's audit trail in sequence order, with its gaps.
 *
 * @param missingSequences the sequence numbers between 1 and the highest recorded one that have no entry (the
 *        first {@value SequenceGaps#MAX_LISTED})
 * @param missingCount how many are missing in all
 * @param complete no sequence number is missing
 */
public record OrderTrailView(UUID orderId, List<AuditEntryView> entries, List<Long> missingSequences,
        long missingCount, boolean complete) {

    static OrderTrailView of(UUID orderId, List<AuditEntry> entries) {
        SequenceGaps gaps = SequenceGaps.of(entries.stream().map(AuditEntry::sequence).toList());
        return new OrderTrailView(orderId, entries.stream().map(AuditEntryView::of).toList(), gaps.missing(),
                gaps.missingCount(), gaps.isComplete());
    }
}
