package io.orderplatform.consumer;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * The idempotent consumer's message log (table {@code processed_event}): which eventIds this consumer group has
 * applied. Read and written inside the transaction of the events' effect, with one statement per batch.
 */
@ApplicationScoped
public class ProcessedEventLog {

    /** The eventIds among {@code eventIds} that were applied before. */
    public Uni<Set<String>> alreadyProcessed(Mutiny.Session session, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return session.createNativeQuery("SELECT p.event_id FROM processed_event p JOIN JSON_TABLE(?1, '$[*]' "
                        + "COLUMNS (event_id CHAR(36) CHARACTER SET ascii PATH '$[0]')) AS batch "
                        + "ON p.event_id = batch.event_id", String.class)
                .setParameter(1, NativeSql.jsonRows(eventIds.stream().map(id -> List.<Object>of(id)).toList()))
                .getResultList()
                .map(HashSet::new);
    }

    /**
     * Records events as applied. A plain insert, not an upsert: if a concurrent consumer (after a rebalance)
     * recorded one of them first, this fails with a duplicate key, the transaction rolls back, and the retry
     * finds the event already processed.
     */
    public Uni<Void> record(Mutiny.Session session, List<ConsumedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<Object>> rows = events.stream().map(consumed -> List.<Object>of(
                consumed.event().eventId().toString(), consumed.event().orderId().toString(),
                consumed.event().eventType().wireName(), consumed.event().sequence(), consumed.partition(),
                consumed.offset())).toList();
        return session.createNativeQuery("INSERT INTO processed_event "
                        + "(event_id, order_id, event_type, sequence, source_partition, source_offset) "
                        + "SELECT event_id, order_id, event_type, sequence, source_partition, source_offset "
                        + "FROM JSON_TABLE(?1, '$[*]' COLUMNS (event_id CHAR(36) CHARACTER SET ascii PATH '$[0]', "
                        + "order_id CHAR(36) CHARACTER SET ascii PATH '$[1]', event_type VARCHAR(32) PATH '$[2]', "
                        + "sequence BIGINT PATH '$[3]', source_partition INT PATH '$[4]', "
                        + "source_offset BIGINT PATH '$[5]')) AS batch")
                .setParameter(1, NativeSql.jsonRows(rows))
                .executeUpdate()
                .replaceWithVoid();
    }
}
