package io.orderplatform.order.messaging;

import java.sql.SQLException;
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

import io.orderplatform.database.SafeContexts;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.repository.RelayLeaseRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLException;

/**
 * Publishes the outbox to Kafka, in rounds. A round, in one database transaction: take the relay lease (or skip
 * the round when another instance holds it), read up to {@code batch-size} rows that are due in id order (see
 * {@link OutboxEventRepository#findDue}), send them, await every ack, set {@code sent_at} on the acknowledged rows
 * and count an attempt on the failed ones, commit.
 * <p>
 * A row is marked sent only after Kafka acknowledged it, so a committed event is never lost. The converse is not
 * guaranteed: if the instance dies (or the database refuses the commit) after an ack and before the mark, the
 * next round sends the row again, with the same eventId, which consumers deduplicate on.
 * <p>
 * A failed event never stalls the others: it gets a backoff of its own ({@link EventBackoff}), and until it is due
 * again the rounds read past it and past the later events of its order, which wait behind it (per-order order).
 * Only when Kafka acknowledged nothing in a round (Kafka away: every failure transient) do all events wait for the
 * relay's own backoff, so an outage is retried without a busy loop and recovers as soon as Kafka is back.
 * <p>
 * Rounds are requested right after each order transaction commits ({@link #requestRound()}) and by the sweep.
 * Requests coalesce: one round runs at a time and at most one more is queued behind it. A round that takes longer
 * than {@code round-timeout} is ended: its database session is killed, which rolls its transaction back and frees
 * the lease for the next round, here or on another instance. A round whose transaction is already gone (the database
 * restarted, or the connection was lost, while a statement was in flight) may never hear of it from the database
 * client; such a round is found sooner, by the lease it no longer holds, and given up at once.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Failures logged one by one per round; the rest are summed up, so an outage does not flood the log. */
    private static final int FAILURES_LOGGED_PER_ROUND = 10;
    /** MySQL/MariaDB ER_NO_SUCH_THREAD: KILL of a session that no longer exists. */
    private static final int UNKNOWN_THREAD = 1094;

    private final Vertx vertx;
    private final OutboxEventRepository outbox;
    private final RelayLeaseRepository lease;
    private final OutboxPublisher publisher;
    private final OutboxMetrics metrics;
    private final int batchSize;
    private final Duration roundTimeout;
    private final Duration leaseCheckInterval;
    private final RelayBackoff backoff;
    private final EventBackoff eventBackoff;

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
        this.leaseCheckInterval = config.leaseCheckInterval();
        this.backoff = new RelayBackoff(config.backoff().initial(), config.backoff().max());
        this.eventBackoff = new EventBackoff(config.eventBackoff().initial(), config.eventBackoff().max());
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
        // A round can hang where no database bound reaches it (a send whose completion never comes, a lost callback)
        // or outlast them when they are configured long. Without a bound the relay would stay busy and publish
        // nothing; and merely no longer waiting would leave its transaction holding the lease, so no round here or
        // on another instance could run until its connection died. So a round over time is ended for real.
        AtomicBoolean settled = new AtomicBoolean();
        RoundSession roundSession = new RoundSession();
        Cancellable subscription = SafeContexts.onNewContext(context, onContext -> round(onContext, roundSession))
                .subscribe().with(
                        result -> {
                            if (settled.compareAndSet(false, true)) {
                                roundSession.finished(vertx);
                                afterRound(result);
                            }
                        },
                        failure -> {
                            if (settled.compareAndSet(false, true)) {
                                roundSession.finished(vertx);
                                afterBrokenRound(failure);
                            }
                        });
        roundSession.timer = vertx.setTimer(roundTimeout.toMillis(), ignored -> {
            if (settled.compareAndSet(false, true)) {
                roundSession.finished(vertx);
                endHungRound(roundSession, subscription);
            }
        });
        roundSession.leaseCheck = vertx.setPeriodic(leaseCheckInterval.toMillis(), timerId -> {
            if (settled.get()) {
                // The round settled before this timer was set (or between ticks): nothing left to watch.
                vertx.cancelTimer(timerId);
                return;
            }
            checkLeaseHeld(roundSession, settled, subscription);
        });
    }

    /**
     * Gives up a round whose transaction is gone: once the round took the lease, only the end of its transaction
     * frees it, so a lease that another transaction could take now means the round waits for an answer from a
     * connection that no longer exists (seen after a database restart: the in-flight statement never completed,
     * and the round waited out its whole timeout). A check that cannot reach the database decides nothing.
     */
    private void checkLeaseHeld(RoundSession roundSession, AtomicBoolean settled, Cancellable subscription) {
        Long sessionId = roundSession.sessionId;
        if (sessionId == null || !roundSession.checking.compareAndSet(false, true)) {
            return;
        }
        SafeContexts.onNewContext(context, ignored -> Panache.withTransaction(lease::isFree))
                .subscribe().with(
                        free -> {
                            roundSession.checking.set(false);
                            if (free && settled.compareAndSet(false, true)) {
                                roundSession.finished(vertx);
                                subscription.cancel();
                                LOG.warnf("The relay round's database session %d ended without the round hearing of "
                                        + "it (database restarted or connection lost): the round is given up, its "
                                        + "unmarked events are sent again", sessionId);
                                pauseThenRetry();
                            }
                        },
                        failure -> roundSession.checking.set(false));
    }

    /**
     * Kills the hung round's database session, which rolls back its transaction and frees the lease at once (even
     * while one of its statements waits for a lock), then stops waiting for it and goes on after the usual pause.
     */
    private void endHungRound(RoundSession roundSession, Cancellable subscription) {
        TimeoutException timeout = new TimeoutException("The relay round did not finish within " + roundTimeout
                + "; its database session is ended and the lease released");
        Long sessionId = roundSession.sessionId;
        Uni<Void> release = sessionId == null
                ? Uni.createFrom().voidItem()
                : SafeContexts.onNewContext(context, ignored -> Panache.withSession(() -> lease.release(sessionId)))
                        .onFailure().invoke(failure -> logUnendedSession(sessionId, failure))
                        .onFailure().recoverWithNull();
        release.subscribe().with(ignored -> {
            subscription.cancel();
            afterBrokenRound(timeout);
        });
    }

    private Uni<RoundResult> round(Executor onRoundContext, RoundSession roundSession) {
        long started = System.nanoTime();
        return Panache.withTransaction(() -> lease.tryAcquire().flatMap(holder -> {
            if (holder.isEmpty()) {
                LOG.debug("Relay round skipped: another instance holds the relay lease");
                return Uni.createFrom().item(RoundResult.SKIPPED);
            }
            roundSession.sessionId = holder.getAsLong();
            return outbox.findDue(Instant.now(), batchSize).flatMap(rows -> {
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

    /**
     * Marks the acknowledged rows sent and counts an attempt on the failed ones, in the round's transaction. A failed
     * row is due again after its own backoff, unless Kafka acknowledged nothing in this round and some failure was
     * transient: then Kafka is away, not this row's problem, and the relay's backoff paces the retry of all rows.
     */
    private Uni<RoundResult> record(List<SendResult> results, boolean fullBatch) {
        Instant now = Instant.now();
        List<Long> acked = results.stream().filter(SendResult::acked).map(result -> result.row().id()).toList();
        boolean kafkaAway = acked.isEmpty() && results.stream().anyMatch(result -> result.failed() && result.retriable());
        Map<Failure, List<Long>> failedRows = new LinkedHashMap<>();
        int failed = 0;
        int heldBack = 0;
        for (SendResult result : results) {
            switch (result.outcome()) {
                case ACKED -> metrics.published(Duration.between(result.row().createdAt(), result.ackedAt()));
                case FAILED -> {
                    int attempt = result.row().attempts() + 1;
                    Instant nextAttempt = kafkaAway && result.retriable()
                            ? now
                            : now.plus(eventBackoff.delayAfter(attempt));
                    metrics.failed(result.retriable());
                    if (failed++ < FAILURES_LOGGED_PER_ROUND) {
                        logFailure(result, attempt, nextAttempt);
                    }
                    failedRows.computeIfAbsent(new Failure(result.error(), nextAttempt), ignored -> new ArrayList<>())
                            .add(result.row().id());
                }
                case HELD_BACK -> heldBack++;
            }
        }
        if (failed > FAILURES_LOGGED_PER_ROUND) {
            LOG.warnf("... and %d more events not acknowledged by Kafka in this round", failed - FAILURES_LOGGED_PER_ROUND);
        }
        RoundResult result = new RoundResult(acked.size(), failed, heldBack, fullBatch, kafkaAway);
        Uni<?> updates = outbox.markSent(acked, now);
        for (Map.Entry<Failure, List<Long>> failure : failedRows.entrySet()) {
            updates = updates.call(() -> outbox.recordFailure(failure.getValue(), failure.getKey().error(),
                    failure.getKey().nextAttempt()));
        }
        return updates.replaceWith(result).invoke(() -> logPublished(results));
    }

    /**
     * A refused record is an error someone must act on (the record or the topic must change); a transient failure
     * is a warning that retries take care of.
     */
    private static void logFailure(SendResult result, int attempt, Instant nextAttempt) {
        OutboxEvent row = result.row();
        if (result.retriable()) {
            LOG.warnf("Kafka did not acknowledge event %s (%s, sequence %d) of order %s, attempt %d; it stays in the "
                    + "outbox and is retried from %s: %s", row.eventId(), row.eventType(), row.sequence(),
                    row.orderId(), attempt, nextAttempt, result.error());
        } else {
            LOG.errorf("Kafka refuses event %s (%s, sequence %d, outbox row %d) of order %s, attempt %d: %s. It is "
                    + "not dropped: it stays in the outbox, is retried from %s (with a capped backoff) and holds back "
                    + "the later events of its order until the record or the topic is fixed", row.eventId(),
                    row.eventType(), row.sequence(), row.id(), row.orderId(), attempt, result.error(), nextAttempt);
        }
    }

    private void afterRound(RoundResult result) {
        if (result.kafkaAway()) {
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
    private static void logUnendedSession(long sessionId, Throwable failure) {
        if (isUnknownSession(failure)) {
            // The usual case after a database restart or freeze: the round's connection is already gone, and with
            // it its transaction and the lease.
            LOG.infof("The hung relay round's database session %d had already ended: the lease is free", sessionId);
            return;
        }
        LOG.errorf("Cannot end the hung relay round's database session %d; the lease stays held until it ends: %s",
                sessionId, failure.getMessage());
    }

    private static boolean isUnknownSession(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MySQLException mysql && mysql.getErrorCode() == UNKNOWN_THREAD
                    || t instanceof SQLException sql && sql.getErrorCode() == UNKNOWN_THREAD) {
                return true;
            }
        }
        return false;
    }

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

    /** A failure as recorded on its rows: the error text and when they are due again. */
    private record Failure(String error, Instant nextAttempt) {
    }

    /** The database session of a running round, once it holds the lease, and the round's timers. */
    private static final class RoundSession {

        volatile Long sessionId;
        volatile long timer = -1;
        volatile long leaseCheck = -1;
        /** A lease check is under way: the next tick waits for it rather than piling up behind a slow database. */
        final AtomicBoolean checking = new AtomicBoolean();

        void finished(Vertx vertx) {
            vertx.cancelTimer(timer);
            vertx.cancelTimer(leaseCheck);
        }
    }

    /**
     * What a round did.
     *
     * @param kafkaAway Kafka acknowledged nothing and at least one failure was transient: the next round waits
     */
    record RoundResult(int published, int failed, int heldBack, boolean fullBatch, boolean kafkaAway) {

        static final RoundResult SKIPPED = new RoundResult(0, 0, 0, false, false);
        static final RoundResult NOTHING_TO_SEND = new RoundResult(0, 0, 0, false, false);

        /** A full batch was sent, so more rows may be waiting: go on without waiting for a trigger. */
        boolean mayHaveMore() {
            return fullBatch;
        }
    }
}
