package io.orderplatform.order.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.repository.RelayLeaseRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Publishes the outbox to Kafka, in rounds. A round, in one database transaction: take the relay lease (or skip
 * the round when another instance holds it), read up to {@code batch-size} unsent rows in id order, send them,
 * await every ack, set {@code sent_at} on the acknowledged rows and count an attempt on the failed ones, commit.
 * <p>
 * A row is marked sent only after Kafka acknowledged it, so a committed event is never lost. The converse is not
 * guaranteed: if the instance dies (or the database refuses the commit) after an ack and before the mark, the
 * next round sends the row again, with the same eventId, which consumers deduplicate on.
 * <p>
 * Rounds are requested right after each order transaction commits ({@link #requestRound()}) and by the sweep.
 * Requests coalesce: one round runs at a time and at most one more is queued behind it. After a round with
 * failures the next one waits (exponential backoff), so a Kafka outage is retried without a busy loop.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Failures logged one by one per round; the rest are summed up, so an outage does not flood the log. */
    private static final int FAILURES_LOGGED_PER_ROUND = 10;

    private final Vertx vertx;
    private final OutboxEventRepository outbox;
    private final RelayLeaseRepository lease;
    private final OutboxPublisher publisher;
    private final OutboxMetrics metrics;
    private final int batchSize;
    private final Duration roundTimeout;
    private final RelayBackoff backoff;

    /** A round is running, or the pause after a failed one. */
    private final AtomicBoolean busy = new AtomicBoolean();
    /** Another round was asked for. */
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile Context context;
    private volatile boolean stopped;

    public OutboxRelay(Vertx vertx, OutboxEventRepository outbox, RelayLeaseRepository lease,
            OutboxPublisher publisher, OutboxMetrics metrics, OutboxConfig config) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.lease = lease;
        this.publisher = publisher;
        this.metrics = metrics;
        this.batchSize = config.batchSize();
        this.roundTimeout = config.roundTimeout();
        this.backoff = new RelayBackoff(config.backoff().initial(), config.backoff().max());
    }

    void start(@Observes StartupEvent event) {
        // One event-loop context for all rounds: they run one at a time anyway.
        context = vertx.getOrCreateContext();
        // Whatever a previous run left unsent (crash, Kafka outage) goes out now.
        requestRound();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** Asks for a round soon: right away when none runs, else right after the running one. Never blocks. */
    public void requestRound() {
        requested.set(true);
        startIfIdle();
    }

    /** The sweep's request: starts a round only when none runs or waits, and queues nothing. */
    void sweep() {
        if (!busy.get()) {
            requestRound();
        }
    }

    private void startIfIdle() {
        while (requested.get() && !stopped && context != null && busy.compareAndSet(false, true)) {
            if (requested.getAndSet(false)) {
                runRound();
                return;
            }
            // Another thread's round took the request between our two reads: let go and look again.
            busy.set(false);
        }
    }

    private void runRound() {
        // A round whose database connection died under it (a database restart) may never complete; without a
        // bound the relay would stay busy and publish nothing until the instance restarts. The round is not
        // cancelled, only no longer waited for: while its transaction lives it keeps the lease, so the next round
        // skips instead of overlapping it.
        AtomicBoolean settled = new AtomicBoolean();
        long timer = vertx.setTimer(roundTimeout.toMillis(), ignored -> {
            if (settled.compareAndSet(false, true)) {
                afterBrokenRound(new TimeoutException("The relay round did not finish within " + roundTimeout
                        + "; giving up waiting for it"));
            }
        });
        SafeContexts.onNewContext(context, this::round).subscribe().with(
                result -> {
                    if (settled.compareAndSet(false, true)) {
                        vertx.cancelTimer(timer);
                        afterRound(result);
                    }
                },
                failure -> {
                    if (settled.compareAndSet(false, true)) {
                        vertx.cancelTimer(timer);
                        afterBrokenRound(failure);
                    }
                });
    }

    private Uni<RoundResult> round(Executor onRoundContext) {
        long started = System.nanoTime();
        return Panache.withTransaction(() -> lease.tryAcquire().flatMap(acquired -> {
            if (!acquired) {
                LOG.debug("Relay round skipped: another instance holds the relay lease");
                return Uni.createFrom().item(RoundResult.SKIPPED);
            }
            return outbox.findUnsent(batchSize).flatMap(rows -> {
                if (rows.isEmpty()) {
                    return Uni.createFrom().item(RoundResult.NOTHING_TO_SEND);
                }
                long read = System.nanoTime();
                return publisher.publish(rows)
                        // Acks arrive on Kafka threads; the session belongs to the round's context.
                        .emitOn(onRoundContext)
                        .invoke(() -> LOG.debugf("Relay round: %d rows read in %d ms, sent and settled in %d ms",
                                rows.size(), (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000))
                        .flatMap(results -> record(results, rows.size() == batchSize));
            });
        }));
    }

    /** Marks the acknowledged rows sent and counts an attempt on the failed ones, in the round's transaction. */
    private Uni<RoundResult> record(List<SendResult> results, boolean fullBatch) {
        List<Long> acked = results.stream().filter(SendResult::acked).map(result -> result.row().id()).toList();
        Map<String, List<Long>> failedByError = new LinkedHashMap<>();
        int failed = 0;
        int heldBack = 0;
        for (SendResult result : results) {
            switch (result.outcome()) {
                case ACKED -> metrics.published(Duration.between(result.row().createdAt(), result.ackedAt()));
                case FAILED -> {
                    metrics.failed();
                    if (failed++ < FAILURES_LOGGED_PER_ROUND) {
                        LOG.warnf("Kafka did not acknowledge event %s (%s, sequence %d) of order %s, attempt %d; "
                                + "it stays in the outbox and is retried: %s", result.row().eventId(),
                                result.row().eventType(), result.row().sequence(), result.row().orderId(),
                                result.row().attempts() + 1, result.error());
                    }
                    failedByError.computeIfAbsent(result.error(), ignored -> new ArrayList<>())
                            .add(result.row().id());
                }
                case HELD_BACK -> heldBack++;
            }
        }
        if (failed > FAILURES_LOGGED_PER_ROUND) {
            LOG.warnf("... and %d more events not acknowledged by Kafka in this round", failed - FAILURES_LOGGED_PER_ROUND);
        }
        RoundResult result = new RoundResult(acked.size(), failed, heldBack, fullBatch);
        Uni<?> updates = outbox.markSent(acked, Instant.now());
        for (Map.Entry<String, List<Long>> failure : failedByError.entrySet()) {
            updates = updates.call(() -> outbox.recordFailure(failure.getValue(), failure.getKey()));
        }
        return updates.replaceWith(result).invoke(() -> logPublished(results));
    }

    private void afterRound(RoundResult result) {
        if (result.failed() > 0) {
            pauseThenRetry();
            return;
        }
        backoff.reset();
        if (result.mayHaveMore()) {
            requested.set(true);
        }
        busy.set(false);
        startIfIdle();
    }

    /** The round itself failed (database unreachable, commit refused): nothing was marked, retry later. */
    private void afterBrokenRound(Throwable failure) {
        LOG.warnf(failure, "Relay round failed, unsent events are retried: %s", failure.getMessage());
        pauseThenRetry();
    }

    private void pauseThenRetry() {
        Duration pause = backoff.nextDelay();
        requested.set(true);
        vertx.setTimer(Math.max(1, pause.toMillis()), ignored -> {
            busy.set(false);
            startIfIdle();
        });
    }

    private static void logPublished(List<SendResult> results) {
        if (LOG.isDebugEnabled()) {
            for (SendResult result : results) {
                if (result.acked()) {
                    LOG.debugf("Published event %s (%s, sequence %d) of order %s, %d ms after its commit",
                            result.row().eventId(), result.row().eventType(), result.row().sequence(),
                            result.row().orderId(),
                            Duration.between(result.row().createdAt(), result.ackedAt()).toMillis());
                }
            }
        }
    }

    /** What a round did. */
    record RoundResult(int published, int failed, int heldBack, boolean fullBatch) {

        static final RoundResult SKIPPED = new RoundResult(0, 0, 0, false);
        static final RoundResult NOTHING_TO_SEND = new RoundResult(0, 0, 0, false);

        /** A full batch was sent, so more rows may be waiting: go on without waiting for a trigger. */
        boolean mayHaveMore() {
            return fullBatch;
        }
    }
}
