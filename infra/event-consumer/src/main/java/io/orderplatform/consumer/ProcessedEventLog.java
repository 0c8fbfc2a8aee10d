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

    private static final int COLUMNS = 6;

    /** The eventIds among {@code eventIds} that were applied before. */
    public Uni<Set<String>> alreadyProcessed(Mutiny.Session session, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Mutiny.SelectionQuery<String> query = session.createNativeQuery("SELECT event_id FROM processed_event "
                + "WHERE event_id IN (" + NativeSql.placeholders(eventIds.size(), 1) + ")", String.class);
        int position = 1;
        for (String eventId : eventIds) {
            query.setParameter(position++, eventId);
        }
        return query.getResultList().map(HashSet::new);
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
        Mutiny.MutationQuery insert = session.createNativeQuery("INSERT INTO processed_event "
                + "(event_id, order_id, event_type, sequence, source_partition, source_offset) VALUES "
                + NativeSql.rows(events.size(), COLUMNS));
        int position = 1;
        for (ConsumedEvent consumed : events) {
            insert.setParameter(position++, consumed.event().eventId().toString());
            insert.setParameter(position++, consumed.event().orderId().toString());
            insert.setParameter(position++, consumed.event().eventType().wireName());
            insert.setParameter(position++, consumed.event().sequence());
            insert.setParameter(position++, consumed.partition());
            insert.setParameter(position++, consumed.offset());
        }
        return insert.executeUpdate().replaceWithVoid();
    }
}
