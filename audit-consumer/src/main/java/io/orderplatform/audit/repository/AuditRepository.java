package io.orderplatform.audit.repository;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderplatform.audit.domain.Arrival;
import io.orderplatform.consumer.ConsumedEvent;
import io.orderplatform.consumer.NativeSql;
import io.orderplatform.contract.OrderEvent;
import io.smallrye.mutiny.Uni;

/**
 * The write side of the audit trail: two statements per batch of events whatever its size, each reading the batch's
 * rows from one JSON parameter (JSON_TABLE), in the caller's transaction.
 */
@ApplicationScoped
public class AuditRepository {

    /**
     * The highest sequence recorded per order of the batch (a JSON array of one-element arrays): a consistent read,
     * no lock (see AuditTrailEffect for why none is needed).
     */
    private static final String SELECT_HIGHEST_SEQUENCES = """
            SELECT a.order_id AS order_id, MAX(a.sequence) AS highest_sequence
            FROM audit_entry a
            JOIN JSON_TABLE(?1, '$[*]' COLUMNS (
                order_id CHAR(36) CHARACTER SET ascii PATH '$[0]')) AS batch
              ON a.order_id = batch.order_id
            GROUP BY a.order_id""";

    /**
     * One entry per row of the JSON parameter. Times come as UTC text and become DATETIME(6) on insert, as they did
     * as bound parameters; recorded_at is the database's clock. Immutable: an eventId already recorded keeps its
     * entry exactly as it was ({@code event_id = audit_entry.event_id} is a no-op update; the table is named because
     * the batch has an event_id column too), so a redelivery changes nothing. The long texts (headers, envelope) are
     * a row's last elements (see {@link NativeSql#jsonRows}).
     */
    private static final String INSERT_AUDIT_ENTRIES = """
            INSERT INTO audit_entry (event_id, order_id, event_type, sequence, occurred_at, envelope, record_key,
                headers_json, topic, kafka_partition, kafka_offset, record_timestamp, arrived_out_of_order, recorded_at)
            SELECT event_id, order_id, event_type, sequence, occurred_at, envelope, record_key,
                headers_json, topic, kafka_partition, kafka_offset, record_timestamp, arrived_out_of_order,
                UTC_TIMESTAMP(6)
            FROM JSON_TABLE(?1, '$[*]' COLUMNS (
                event_id             CHAR(36) CHARACTER SET ascii PATH '$[0]',
                order_id             CHAR(36) CHARACTER SET ascii PATH '$[1]',
                event_type           VARCHAR(32)                  PATH '$[2]',
                sequence             BIGINT                       PATH '$[3]',
                occurred_at          VARCHAR(26)                  PATH '$[4]',
                record_key           VARCHAR(255)                 PATH '$[5]',
                topic                VARCHAR(255)                 PATH '$[6]',
                kafka_partition      INT                          PATH '$[7]',
                kafka_offset         BIGINT                       PATH '$[8]',
                record_timestamp     VARCHAR(26)                  PATH '$[9]',
                arrived_out_of_order INT                          PATH '$[10]',
                headers_json         TEXT                         PATH '$[11]',
                envelope             LONGTEXT                     PATH '$[12]')) AS batch
            ON DUPLICATE KEY UPDATE event_id = audit_entry.event_id""";

    private final ObjectMapper json;

    public AuditRepository(ObjectMapper json) {
        this.json = json;
    }

    /** The highest sequence recorded so far for each of these orders that has any entry. */
    public Uni<Map<UUID, Long>> highestSequences(Mutiny.Session session, Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<List<Object>> ids = orderIds.stream().map(UUID::toString).sorted().map(id -> List.<Object>of(id))
                .toList();
        return session.createNativeQuery(SELECT_HIGHEST_SEQUENCES, Tuple.class)
                .setParameter(1, NativeSql.jsonRows(ids))
                .getResultList()
                .map(rows -> {
                    Map<UUID, Long> highest = new HashMap<>();
                    rows.forEach(row -> highest.put(UUID.fromString(row.get("order_id", String.class)),
                            row.get("highest_sequence", Number.class).longValue()));
                    return highest;
                });
    }

    /**
     * Records the events, one entry each (see {@link #INSERT_AUDIT_ENTRIES}). Rows are written in eventId order, so
     * that two consumers inserting at once (during a rebalance) cannot deadlock.
     */
    public Uni<Void> record(Mutiny.Session session, List<Arrival> arrivals) {
        if (arrivals.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<Object>> rows = arrivals.stream()
                .sorted(Comparator.comparing((Arrival a) -> a.event().event().eventId().toString()))
                .map(this::row)
                .toList();
        return session.createNativeQuery(INSERT_AUDIT_ENTRIES)
                .setParameter(1, NativeSql.jsonRows(rows))
                .executeUpdate()
                .replaceWithVoid();
    }

    /** One row of {@link #INSERT_AUDIT_ENTRIES}, in the order of its JSON_TABLE columns. */
    private List<Object> row(Arrival arrival) {
        ConsumedEvent consumed = arrival.event();
        OrderEvent event = consumed.event();
        return List.of(event.eventId().toString(), event.orderId().toString(), event.eventType().wireName(),
                event.sequence(), Sql.utc(event.occurredAt()), consumed.key(), consumed.topic(), consumed.partition(),
                consumed.offset(), Sql.utc(consumed.timestamp()), arrival.arrivedOutOfOrder() ? 1 : 0,
                writeHeaders(consumed.headers()), consumed.rawValue());
    }

    private String writeHeaders(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write record headers", e);
        }
    }
}
