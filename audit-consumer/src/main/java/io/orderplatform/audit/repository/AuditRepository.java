package io.orderplatform.audit.repository;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderplatform.consumer.NativeSql;
import io.orderplatform.audit.domain.Arrival;
import io.orderplatform.consumer.ConsumedEvent;
import io.orderplatform.contract.OrderEvent;
import io.smallrye.mutiny.Uni;

/**
 * The write side of the audit trail: two statements per batch of events whatever its size, in the caller's
 * transaction.
 */
@ApplicationScoped
public class AuditRepository {

    /** The parameters of one row; recorded_at is the database's clock, not a parameter. */
    private static final int COLUMNS = 13;

    private final ObjectMapper json;

    public AuditRepository(ObjectMapper json) {
        this.json = json;
    }

    /** The highest sequence recorded so far for each of these orders that has any entry. */
    public Uni<Map<UUID, Long>> highestSequences(Mutiny.Session session, Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = orderIds.stream().map(UUID::toString).sorted().toList();
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery("SELECT order_id, MAX(sequence) "
                + "FROM audit_entry WHERE order_id IN (" + NativeSql.placeholders(ids.size(), 1) + ") GROUP BY order_id",
                Object[].class);
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter(i + 1, ids.get(i));
        }
        return query.getResultList().map(rows -> {
            Map<UUID, Long> highest = new HashMap<>();
            rows.forEach(row -> highest.put(UUID.fromString((String) row[0]), ((Number) row[1]).longValue()));
            return highest;
        });
    }

    /**
     * Records the events, one entry each. Immutable: an eventId already recorded keeps its entry exactly as it
     * was ({@code event_id = event_id} is a no-op update), so a redelivery changes nothing. Rows are written in
     * eventId order, so that two consumers inserting at once (during a rebalance) cannot deadlock.
     */
    public Uni<Void> record(Mutiny.Session session, List<Arrival> arrivals) {
        if (arrivals.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Arrival> sorted = arrivals.stream()
                .sorted(Comparator.comparing((Arrival a) -> a.event().event().eventId().toString())).toList();
        Mutiny.MutationQuery insert = session.createNativeQuery("INSERT INTO audit_entry (event_id, order_id, "
                + "event_type, sequence, occurred_at, envelope, record_key, headers_json, topic, kafka_partition, "
                + "kafka_offset, record_timestamp, arrived_out_of_order, recorded_at) VALUES "
                + NativeSql.rows(sorted.size(), COLUMNS, ",UTC_TIMESTAMP(6)")
                + " ON DUPLICATE KEY UPDATE event_id = event_id");
        int p = 1;
        for (Arrival arrival : sorted) {
            ConsumedEvent consumed = arrival.event();
            OrderEvent event = consumed.event();
            insert.setParameter(p++, event.eventId().toString());
            insert.setParameter(p++, event.orderId().toString());
            insert.setParameter(p++, event.eventType().wireName());
            insert.setParameter(p++, event.sequence());
            insert.setParameter(p++, Sql.utc(event.occurredAt()));
            insert.setParameter(p++, consumed.rawValue());
            insert.setParameter(p++, consumed.key());
            insert.setParameter(p++, writeHeaders(consumed.headers()));
            insert.setParameter(p++, consumed.topic());
            insert.setParameter(p++, consumed.partition());
            insert.setParameter(p++, consumed.offset());
            insert.setParameter(p++, Sql.utc(consumed.timestamp()));
            insert.setParameter(p++, arrival.arrivedOutOfOrder());
        }
        return insert.executeUpdate().replaceWithVoid();
    }

    private String writeHeaders(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write record headers", e);
        }
    }
}
