package io.orderplatform.audit.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The gap rule: an order's events are numbered 1, 2, 3 ... (the contract's minimum is 1), so every number from 1
 * to the highest recorded sequence that has no entry is missing. Only the first {@value #MAX_LISTED} missing
 * numbers are listed, so that a single absurd sequence cannot make one answer huge; the count is always exact.
 *
 * @param missing the first missing sequence numbers, ascending
 * @param missingCount how many numbers are missing in all
 */
public record SequenceGaps(List<Long> missing, long missingCount) {

    public static final int MAX_LISTED = 1000;

    public static SequenceGaps of(Collection<Long> sequences) {
        TreeSet<Long> present = new TreeSet<>(sequences);
        present.removeIf(sequence -> sequence < 1);
        if (present.isEmpty()) {
            return new SequenceGaps(List.of(), 0);
        }
        long missingCount = present.last() - present.size();
        List<Long> missing = new ArrayList<>();
        long previous = 0;
        for (long sequence : present) {
            for (long n = previous + 1; n < sequence && missing.size() < MAX_LISTED; n++) {
                missing.add(n);
            }
            previous = sequence;
        }
        return new SequenceGaps(List.copyOf(missing), missingCount);
    }

    /** No number between 1 and the highest sequence is missing. */
    public boolean isComplete() {
        return missingCount == 0;
    }
}
