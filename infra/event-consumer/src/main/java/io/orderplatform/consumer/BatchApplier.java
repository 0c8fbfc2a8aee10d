package io.orderplatform.consumer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.orderplatform.database.UncancelledWork;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies events once, in ONE reactive transaction: those already in the processed-events log are skipped, the
 * rest are recorded there ({@link ProcessedEventLog#recordNew}) and handed to the service's {@link EventEffect}. One transaction per batch, not per
 * event, is what lets a consumer drain a backlog at database batch speed; the log in the same transaction is what
 * makes a redelivered event (rebalance, restart, replay, redrive) change nothing.
 */
@ApplicationScoped
public class BatchApplier {

    private final ProcessedEventLog processedEvents;
    private final ConsumerMetrics metrics;
    private final Duration attemptTimeout;

    public BatchApplier(ProcessedEventLog processedEvents, ConsumerMetrics metrics, ConsumerConfig config) {
        this.processedEvents = processedEvents;
        this.metrics = metrics;
        this.attemptTimeout = config.attemptTimeout();
    }

    /** One attempt; must be subscribed on the Vert.x context the session belongs to. Emits how many were new. */
    public Uni<Integer> applyOnce(List<ConsumedEvent> events, EventEffect effect) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // Deferred: Panache binds the session to the Vert.x context current when withTransaction is called, which
        // must be the batch's context the caller subscribes on, not a retry timer's thread.
        // Never cancelled midway (UncancelledWork): an abandoned attempt still ends its transaction by itself, and a
        // retry of events it committed after all finds them in the processed-events log.
        return UncancelledWork.waitAtMost(attemptTimeout,
                        () -> Panache.withTransaction(
                                () -> Panache.getSession().chain(session -> apply(session, events, effect))),
                        () -> new AttemptTimedOutException("No outcome from the database within " + attemptTimeout
                                + " applying " + events.size() + " events: abandoned, to be retried"))
                .invoke(applied -> {
                    metrics.applied(applied);
                    metrics.duplicates(events.size() - applied);
                });
    }

    /** An attempt that got no outcome in time: systemic, so retried. */
    public static final class AttemptTimedOutException extends RuntimeException {

        AttemptTimedOutException(String message) {
            super(message, null, false, false);
        }
    }

    private Uni<Integer> apply(Mutiny.Session session, List<ConsumedEvent> events, EventEffect effect) {
        Map<String, ConsumedEvent> byEventId = new LinkedHashMap<>();
        events.forEach(e -> byEventId.putIfAbsent(e.event().eventId().toString(), e));
        return processedEvents.recordNew(session, List.copyOf(byEventId.values()))
                .chain(fresh -> fresh.isEmpty()
                        ? Uni.createFrom().item(0)
                        : effect.apply(session, fresh).replaceWith(fresh.size()));
    }
}
