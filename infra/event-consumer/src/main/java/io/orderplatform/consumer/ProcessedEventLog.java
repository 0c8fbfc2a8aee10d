package io.orderplatform.consumer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * The idempotent consumer's message log (table {@code processed_event}): which eventIds this consumer group has
 * applied. Written inside the transaction of the events' effect, with one statement per batch in the common case.
 */
@ApplicationScoped
public class ProcessedEventLog {

    /**
     * The batch's rows as one JSON parameter: a plain insert, not an upsert nor INSERT IGNORE, so that an eventId
     * already in the log fails the statement with a duplicate key (1062) and IGNORE cannot turn a data error into a
     * warning.
     */
    private static final String INSERT_PROCESSED_EVENTS = """
            INSERT INTO processed_event (event_id, order_id, event_type, sequence, source_partition, source_offset)
            SELECT event_id, order_id, event_type, sequence, source_partition, source_offset
            FROM JSON_TABLE(?1, '$[*]' COLUMNS (
                event_id         CHAR(36) CHARACTER SET ascii PATH '$[0]',
                order_id         CHAR(36) CHARACTER SET ascii PATH '$[1]',
                event_type       VARCHAR(32)                  PATH '$[2]',
                sequence         BIGINT                       PATH '$[3]',
                source_partition INT                          PATH '$[4]',
                source_offset    BIGINT                       PATH '$[5]')) AS batch""";

    /** The eventIds of the batch (a JSON array of one-element arrays) that are in the log. */
    private static final String SELECT_PROCESSED_EVENT_IDS = """
            SELECT p.event_id
            FROM processed_event p
            JOIN JSON_TABLE(?1, '$[*]' COLUMNS (
                event_id CHAR(36) CHARACTER SET ascii PATH '$[0]')) AS batch
              ON p.event_id = batch.event_id""";

    /**
     * Records as applied those of {@code events} (distinct eventIds) that are not in the log yet, and returns them
     * in their order: what the caller's effect must apply.
     * <p>
     * Optimistic: the whole batch is inserted at once, one statement and no lookup, since a backlog read for the
     * first time is the common case. When an eventId is already there (a redelivery after a restart, rebalance,
     * replay or redrive) the insert fails with a duplicate key; InnoDB rolls back that statement only, and the log
     * is looked up and the rest recorded, in the same transaction. If a concurrent consumer (during a rebalance)
     * holds one of them uncommitted, the insert waits for it: when it commits, the lookup sees its rows; if it
     * inserts one of the remaining ones in between, the second insert fails with a duplicate key, the transaction
     * rolls back, and the retry finds the event already processed.
     */
    public Uni<List<ConsumedEvent>> recordNew(Mutiny.Session session, List<ConsumedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return insert(session, events).replaceWith(events)
                .onFailure(FailureClassifier::isDuplicateKey).recoverWithUni(() -> processedAmong(session, events)
                        .chain(done -> {
                            List<ConsumedEvent> fresh = events.stream()
                                    .filter(e -> !done.contains(e.event().eventId().toString())).toList();
                            return insert(session, fresh).replaceWith(fresh);
                        }));
    }

    private Uni<Void> insert(Mutiny.Session session, List<ConsumedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<Object>> rows = events.stream().map(consumed -> List.<Object>of(
                consumed.event().eventId().toString(), consumed.event().orderId().toString(),
                consumed.event().eventType().wireName(), consumed.event().sequence(), consumed.partition(),
                consumed.offset())).toList();
        return session.createNativeQuery(INSERT_PROCESSED_EVENTS)
                .setParameter(1, NativeSql.jsonRows(rows))
                .executeUpdate()
                .replaceWithVoid();
    }

    /** The eventIds among {@code events} that were applied before (a consistent, non-locking read). */
    private Uni<Set<String>> processedAmong(Mutiny.Session session, List<ConsumedEvent> events) {
        List<List<Object>> ids = events.stream().map(e -> List.<Object>of(e.event().eventId().toString())).toList();
        return session.createNativeQuery(SELECT_PROCESSED_EVENT_IDS, String.class)
                .setParameter(1, NativeSql.jsonRows(ids))
                .getResultList()
                .map(HashSet::new);
    }
}
