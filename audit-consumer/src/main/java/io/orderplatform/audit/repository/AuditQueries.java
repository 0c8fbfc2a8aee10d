package io.orderplatform.audit.repository;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderplatform.consumer.NativeSql;
import io.orderplatform.problem.PageCursor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The read side of the audit trail, for the REST API. Call within a session ({@code Panache.withSession}). */
@ApplicationScoped
public class AuditQueries {

    /**
     * Every column of an entry, each named as {@link #entry(Tuple)} reads it; times as ISO-8601 UTC text
     * ({@link Sql#instant(String)}).
     */
    private static final String COLUMNS = """
            event_id, order_id, event_type, sequence,
                DATE_FORMAT(occurred_at, '%Y-%m-%dT%H:%i:%s.%fZ') AS occurred_at_utc,
                DATE_FORMAT(recorded_at, '%Y-%m-%dT%H:%i:%s.%fZ') AS recorded_at_utc,
                CAST(arrived_out_of_order AS SIGNED) AS arrived_out_of_order, topic, kafka_partition, kafka_offset,
                DATE_FORMAT(record_timestamp, '%Y-%m-%dT%H:%i:%s.%fZ') AS record_timestamp_utc, record_key,
                headers_json, envelope""";

    /**
     * An order's entries in sequence order; two events with the same sequence (a producer's mistake) in the order
     * they arrived in, which is their offset order since one order's events share a partition.
     */
    private static final String TRAIL = """
            SELECT %s FROM audit_entry
            WHERE order_id = :orderId
            ORDER BY sequence, kafka_partition, kafka_offset""".formatted(COLUMNS);

    private static final String EVENT = """
            SELECT %s FROM audit_entry
            WHERE event_id = :eventId""".formatted(COLUMNS);

    /**
     * A search's events, oldest first by (occurred_at, event_id), strictly after the cursor. Each of the two texts
     * is served in this order by an index of its own (V2__audit_search_keyset.sql), read from the cursor on. Every
     * condition is always there, an absent bound or cursor standing for an end of the DATETIME range: no text is put
     * together from pieces, and none needs the database to drop a condition for a missing value.
     */
    private static final String SEARCH_ALL_TYPES = """
            SELECT %s FROM audit_entry
            WHERE occurred_at BETWEEN :first AND :last
              AND (occurred_at > :cursorAt OR (occurred_at = :cursorAt AND event_id > :cursorId))
            ORDER BY occurred_at, event_id
            LIMIT :rows""".formatted(COLUMNS);

    private static final String SEARCH_ONE_TYPE = """
            SELECT %s FROM audit_entry
            WHERE event_type = :type
              AND occurred_at BETWEEN :first AND :last
              AND (occurred_at > :cursorAt OR (occurred_at = :cursorAt AND event_id > :cursorId))
            ORDER BY occurred_at, event_id
            LIMIT :rows""".formatted(COLUMNS);

    /** Sorts before every event id (none is empty): with the earliest time, the cursor of the first page. */
    private static final String BEFORE_ANY_EVENT_ID = "";

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public AuditQueries(ObjectMapper json) {
        this.json = json;
    }

    /** An order's entries in sequence order (see {@link #TRAIL}). */
    public Uni<List<AuditEntry>> trail(UUID orderId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(TRAIL, Tuple.class)
                .setParameter("orderId", orderId.toString()).getResultList())
                .map(this::entries);
    }

    public Uni<Optional<AuditEntry>> event(UUID eventId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(EVENT, Tuple.class)
                .setParameter("eventId", eventId.toString()).getResultList())
                .map(rows -> rows.stream().findFirst().map(this::entry));
    }

    /** The events that match, oldest first by (occurredAt, eventId), strictly after the search's cursor. */
    public Uni<List<AuditEntry>> search(EventSearch search) {
        PageCursor<UUID> after = search.after();
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(search.type() == null ? SEARCH_ALL_TYPES : SEARCH_ONE_TYPE,
                    Tuple.class);
            if (search.type() != null) {
                query.setParameter("type", search.type().wireName());
            }
            return query.setParameter("first", Sql.utc(search.from() == null ? Sql.EARLIEST : search.from()))
                    .setParameter("last", Sql.utc(search.to() == null ? Sql.LATEST : Sql.justBefore(search.to())))
                    .setParameter("cursorAt", Sql.utc(after == null ? Sql.EARLIEST : after.at()))
                    .setParameter("cursorId", after == null ? BEFORE_ANY_EVENT_ID : after.id().toString())
                    .setParameter("rows", search.rows())
                    .getResultList();
        }).map(this::entries);
    }

    private List<AuditEntry> entries(List<Tuple> rows) {
        return rows.stream().map(this::entry).toList();
    }

    private AuditEntry entry(Tuple row) {
        return new AuditEntry(UUID.fromString(row.get("event_id", String.class)),
                UUID.fromString(row.get("order_id", String.class)), row.get("event_type", String.class),
                row.get("sequence", Number.class).longValue(), Sql.instant(row.get("occurred_at_utc", String.class)),
                Sql.instant(row.get("recorded_at_utc", String.class)),
                row.get("arrived_out_of_order", Number.class).intValue() != 0, row.get("topic", String.class),
                row.get("kafka_partition", Number.class).intValue(), row.get("kafka_offset", Number.class).longValue(),
                Sql.instant(row.get("record_timestamp_utc", String.class)), row.get("record_key", String.class),
                readHeaders(NativeSql.text(row.get("headers_json"))), NativeSql.text(row.get("envelope")));
    }

    private Map<String, String> readHeaders(String headersJson) {
        try {
            return json.readValue(headersJson, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable headers in audit_entry", e);
        }
    }
}
