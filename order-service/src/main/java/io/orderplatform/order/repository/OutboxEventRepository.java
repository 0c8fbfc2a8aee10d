package io.orderplatform.order.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.orderplatform.order.domain.OutboxEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** The transactional outbox: appended to by state changes, drained by the relay. */
@ApplicationScoped
public class OutboxEventRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /**
     * Most rows the backlog counts exactly; beyond, the count is an estimate (see {@link #backlog()}). 10,000 index
     * entries read once per measurement cost well under a millisecond, and any alert fires far below this many.
     */
    public static final long EXACT_COUNT_LIMIT = 10_000;

    /**
     * What a relay round may send now, in publication (id) order: unsent rows that are due (never failed, or their
     * backoff is over), except those behind an earlier unsent row of their order that is not due. Those are held
     * back, so an event is never sent before an earlier event of its order; and they are left out of the read
     * rather than read and skipped, so a failing order never fills the batch. Every earlier row of a returned row
     * is then either sent or returned too, before it (a lower id): the round sends them in order.
     * <p>
     * The earlier rows are found by sequence, not id: the unique (order_id, sequence) index makes that a range of
     * one order's few rows, and an order's sequence grows with its ids (both are assigned under the order's row
     * lock). The oldest earlier row is read first, which is the one that fails when one does.
     */
    private static final String DUE = """
            from OutboxEvent e
            where e.sentAt is null
              and (e.nextAttemptAt is null or e.nextAttemptAt <= :now)
              and not exists (
                  select 1 from OutboxEvent earlier
                   where earlier.orderId = e.orderId
                     and earlier.sequence < e.sequence
                     and earlier.sentAt is null
                     and earlier.nextAttemptAt > :now)
            order by e.id
            """;

    /** The oldest unsent row: the first entry of the (sent_at, id) index where sent_at is null, one index dive. */
    private static final String OLDEST_UNSENT = """
            select e.id, e.createdAt from OutboxEvent e
            where e.sentAt is null
            order by e.id
            """;

    /** Unsent rows, counted up to a limit: at most that many entries of the (sent_at, id) index are read. */
    private static final String UNSENT_UP_TO = """
            SELECT COUNT(*)
              FROM (SELECT 1 FROM outbox_event WHERE sent_at IS NULL LIMIT ?1) unsent
            """;

    /** Unsent rows waiting for a retry, counted up to a limit, from the (sent_at, next_attempt_at) index. */
    private static final String RETRYING_UP_TO = """
            SELECT COUNT(*)
              FROM (SELECT 1 FROM outbox_event WHERE sent_at IS NULL AND next_attempt_at IS NOT NULL LIMIT ?1) retrying
            """;

    /** The newest row's id: the last entry of the primary key. */
    private static final String NEWEST_ID = """
            SELECT MAX(id) FROM outbox_event
            """;

    /** Appends an event; it becomes visible to the relay when the caller's transaction commits. */
    public Uni<OutboxEvent> append(OutboxEvent event) {
        return persist(event);
    }

    /** Up to {@code limit} rows a relay round may send at {@code now}, in publication order (see {@link #DUE}). */
    public Uni<List<OutboxEvent>> findDue(Instant now, int limit) {
        return find(DUE, Parameters.with("now", now)).page(0, limit).list();
    }

    public Uni<Integer> markSent(Collection<Long> ids, Instant sentAt) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return update("sentAt = ?1 where id in ?2", sentAt, ids);
    }

    /** Counts a failed attempt on the rows, with its error, and when they are due again. */
    public Uni<Integer> recordFailure(Collection<Long> ids, String error, Instant nextAttemptAt) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String truncated = error.length() > OutboxEvent.MAX_ERROR_LENGTH
                ? error.substring(0, OutboxEvent.MAX_ERROR_LENGTH)
                : error;
        return update("attempts = attempts + 1, lastError = ?1, nextAttemptAt = ?2 where id in ?3", truncated,
                nextAttemptAt, ids);
    }

    /**
     * The backlog, measured with a bounded number of index reads whatever its size: the oldest unsent row (one dive),
     * the unsent rows counted exactly up to {@link #EXACT_COUNT_LIMIT} and estimated beyond, and the rows waiting for
     * a retry, counted up to the same limit.
     */
    public Uni<Backlog> backlog() {
        return getSession().flatMap(session -> session.createSelectionQuery(OLDEST_UNSENT, OldestUnsent.class)
                .setMaxResults(1)
                .getResultList()
                .flatMap(oldest -> oldest.isEmpty()
                        ? Uni.createFrom().item(Backlog.NONE)
                        : measure(session, oldest.get(0).id(), oldest.get(0).createdAt())));
    }

    /**
     * {@link #OLDEST_UNSENT}'s row: Hibernate builds it through its constructor from the selected id and createdAt,
     * in that order (registered for reflection, for native images).
     */
    @RegisterForReflection
    record OldestUnsent(long id, Instant createdAt) {
    }

    private Uni<Backlog> measure(Mutiny.Session session, long oldestId, Instant oldestCreatedAt) {
        return countUpTo(session, UNSENT_UP_TO).flatMap(unsent -> {
            Uni<Long> estimated = unsent <= EXACT_COUNT_LIMIT
                    ? Uni.createFrom().item(unsent)
                    // More than the limit: the id span from the oldest unsent row to the newest row. An upper bound
                    // (sent rows in between count too), and the order of magnitude is what such a backlog calls for.
                    : session.createNativeQuery(NEWEST_ID, Long.class).getSingleResult()
                            .map(newest -> Math.max(unsent, newest - oldestId + 1));
            return estimated.flatMap(count -> countUpTo(session, RETRYING_UP_TO)
                    .map(retrying -> new Backlog(count, unsent <= EXACT_COUNT_LIMIT, oldestCreatedAt,
                            Math.min(retrying, EXACT_COUNT_LIMIT))));
        });
    }

    private static Uni<Long> countUpTo(Mutiny.Session session, String query) {
        return session.createNativeQuery(query, Long.class)
                .setParameter(1, EXACT_COUNT_LIMIT + 1)
                .getSingleResult();
    }

    /** The events of some orders, in publication order. */
    public Uni<List<OutboxEvent>> findByOrders(Collection<UUID> orderIds) {
        return list("orderId in ?1", Sort.by("id"), orderIds);
    }

    /**
     * The backlog as last measured.
     *
     * @param unsent rows not yet acknowledged by Kafka: exact when {@code exact}, else an upper-bound estimate above
     *         {@link #EXACT_COUNT_LIMIT}
     * @param oldestCreatedAt creation time of the oldest unsent row (by id), null when there is none
     * @param retrying unsent rows waiting for their next attempt after a failure, counted up to
     *         {@link #EXACT_COUNT_LIMIT}
     */
    public record Backlog(long unsent, boolean exact, Instant oldestCreatedAt, long retrying) {

        public static final Backlog NONE = new Backlog(0, true, null, 0);
    }
}
