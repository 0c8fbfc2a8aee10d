package io.orderplatform.database;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * How every retention job here deletes: one bounded batch per transaction, batch after batch until one deletes fewer
 * rows than the batch size. Each batch is short (few locks, a small undo log next to live traffic) and waited for at
 * most {@code batchTimeout}, never cancelled midway ({@link UncancelledWork}): a batch hung by a frozen database fails
 * the run, which the job's next run retries, instead of stopping every later run.
 */
public final class BatchedPurge {

    private BatchedPurge() {
    }

    /**
     * Runs {@code batch} (one transaction deleting at most {@code batchSize} rows, emitting how many it deleted) until
     * a batch comes back short; reports each batch's count to {@code deleted} and emits the total. Subscribe on the
     * Vert.x context the batches' sessions must belong to: each next batch starts where the previous one completed.
     */
    public static Uni<Long> untilShort(Supplier<Uni<Integer>> batch, int batchSize, Duration batchTimeout,
            IntConsumer deleted) {
        return UncancelledWork.waitAtMost(batchTimeout, batch,
                        () -> new TimeoutException("A purge batch got no outcome from the database within "
                                + batchTimeout))
                .invoke(deleted::accept)
                .flatMap(count -> count < batchSize
                        ? Uni.createFrom().item((long) count)
                        : untilShort(batch, batchSize, batchTimeout, deleted).map(more -> count + more));
    }
}
