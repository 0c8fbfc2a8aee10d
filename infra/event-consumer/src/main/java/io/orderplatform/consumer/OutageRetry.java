package io.orderplatform.consumer;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Pause and retry: work that fails for a systemic reason ({@link FailureClassifier}) is held and tried again
 * with capped exponential backoff and jitter, for as long as the failure lasts, and the consumer reports itself
 * paused meanwhile ({@link ConsumerState}). While a channel's work is held it requests no more records, so the
 * Kafka connector stops fetching once its small buffer is full (it pauses the partitions and keeps polling, so
 * the consumer stays in its group): the same effect as pausing the channel, without racing the records in hand.
 * Any other failure ends the work at once, for the caller to handle.
 */
@ApplicationScoped
public class OutageRetry {

    private static final Logger LOG = Logger.getLogger(OutageRetry.class);

    private final ConsumerConfig.Retry retry;
    private final ConsumerState state;
    private final ConsumerMetrics metrics;

    public OutageRetry(ConsumerConfig config, ConsumerState state, ConsumerMetrics metrics) {
        this.retry = config.retry();
        this.state = state;
        this.metrics = metrics;
    }

    /** Runs {@code attempt} until it succeeds or fails for a reason that is not systemic. */
    public <T> Uni<T> untilDone(String what, Supplier<Uni<T>> attempt) {
        Object work = new Object();
        return Uni.createFrom().deferred(() -> {
                    long id = state.attemptStarted();
                    return attempt.get().onTermination().invoke(() -> state.attemptEnded(id));
                })
                .onFailure(FailureClassifier::isSystemic).invoke(failure -> {
                    metrics.retried();
                    state.hold(work, failure);
                    LOG.debugf("Retrying %s after: %s", what, DeadLetterReason.describe(failure));
                })
                .onFailure(FailureClassifier::isSystemic).retry()
                .withBackOff(retry.initialBackoff(), retry.maxBackoff()).withJitter(retry.jitter())
                .indefinitely()
                .onTermination().invoke(() -> state.release(work));
    }
}
