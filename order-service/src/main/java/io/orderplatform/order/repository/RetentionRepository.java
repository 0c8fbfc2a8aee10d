package io.orderplatform.order.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Deletes rows past their retention, oldest first, a bounded batch per statement: each batch is a range of an index
 * (no scan, no sort) and a short transaction, so a purge never holds many locks or a long undo log next to the
 * order traffic. Native statements: HQL has no DELETE ... ORDER BY ... LIMIT, which MySQL and MariaDB both run.
 */
@ApplicationScoped
public class RetentionRepository {

    /**
     * Sent outbox rows whose sent_at is before the cutoff, along ix_outbox_event_sent_id (sent_at, id). An unsent row
     * (sent_at NULL) never matches: an event is deleted only after Kafka acknowledged it.
     */
    private static final String PURGE_SENT_OUTBOX = """
            DELETE FROM outbox_event
             WHERE sent_at IS NOT NULL AND sent_at < ?1
             ORDER BY sent_at, id
             LIMIT ?2
            """;

    /** Idempotency keys created before the cutoff, along ix_idempotency_key_created (created_at). */
    private static final String PURGE_IDEMPOTENCY_KEYS = """
            DELETE FROM idempotency_key
             WHERE created_at < ?1
             ORDER BY created_at
             LIMIT ?2
            """;

    /** Deletes up to {@code limit} outbox rows sent before {@code cutoff}; returns how many it deleted. */
    public Uni<Integer> purgeSentOutbox(Instant cutoff, int limit) {
        return purge(PURGE_SENT_OUTBOX, cutoff, limit);
    }

    /** Deletes up to {@code limit} idempotency keys created before {@code cutoff}; returns how many it deleted. */
    public Uni<Integer> purgeIdempotencyKeys(Instant cutoff, int limit) {
        return purge(PURGE_IDEMPOTENCY_KEYS, cutoff, limit);
    }

    private static Uni<Integer> purge(String statement, Instant cutoff, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(statement)
                .setParameter(1, cutoff)
                .setParameter(2, limit)
                .executeUpdate());
    }
}
