package io.orderplatform.audit.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderplatform.consumer.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The read side of the audit trail, for the REST API. Call within a session ({@code Panache.withSession}). */
@ApplicationScoped
public class AuditQueries {

    /** Every column of an entry, in the order {@link #entry(Object[])} reads them. */
    private static final String COLUMNS = "event_id, order_id, event_type, sequence, " + Sql.utcText("occurred_at")
            + ", " + Sql.utcText("recorded_at") + ", CAST(arrived_out_of_order AS SIGNED), topic, kafka_partition, "
            + "kafka_offset, " + Sql.utcText("record_timestamp") + ", record_key, headers_json, envelope";

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    /** A page of events, and how many match in all. */
    public record Page(List<AuditEntry> items, long total) {
    }

    private final ObjectMapper json;

    public AuditQueries(ObjectMapper json) {
        this.json = json;
    }

    /**
     * An order's entries in sequence order; two events with the same sequence (a producer's mistake) in the
     * order they arrived in, which is their offset order since one order's events share a partition.
     */
    public Uni<List<AuditEntry>> trail(UUID orderId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT " + COLUMNS
                        + " FROM audit_entry WHERE order_id = ?1 ORDER BY sequence, kafka_partition, kafka_offset",
                        Object[].class)
                .setParameter(1, orderId.toString()).getResultList())
                .map(this::entries);
    }

    public Uni<Optional<AuditEntry>> event(UUID eventId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT " + COLUMNS
                        + " FROM audit_entry WHERE event_id = ?1", Object[].class)
                .setParameter(1, eventId.toString()).getResultList())
                .map(rows -> rows.stream().findFirst().map(this::entry));
    }

    /** A page of the events that match, by time of occurrence (then eventId, so that pages never overlap). */
    public Uni<Page> search(EventSearch search) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (search.type() != null) {
            parameters.add(search.type().wireName());
            conditions.add("event_type = ?" + parameters.size());
        }
        if (search.from() != null) {
            parameters.add(Sql.utc(search.from()));
            conditions.add("occurred_at >= ?" + parameters.size());
        }
        if (search.to() != null) {
            parameters.add(Sql.utc(search.to()));
            conditions.add("occurred_at < ?" + parameters.size());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        int limit = parameters.size() + 1;
        String select = "SELECT " + COLUMNS + " FROM audit_entry" + where + " ORDER BY occurred_at, event_id LIMIT ?"
                + limit + " OFFSET ?" + (limit + 1);
        return Panache.getSession().chain(session -> {
            var count = session.createNativeQuery("SELECT COUNT(*) FROM audit_entry" + where, Object.class);
            var page = session.createNativeQuery(select, Object[].class);
            for (int i = 0; i < parameters.size(); i++) {
                count.setParameter(i + 1, parameters.get(i));
                page.setParameter(i + 1, parameters.get(i));
            }
            page.setParameter(limit, search.size());
            page.setParameter(limit + 1, search.offset());
            return count.getSingleResult().chain(total -> page.getResultList()
                    .map(rows -> new Page(entries(rows), ((Number) total).longValue())));
        });
    }

    private List<AuditEntry> entries(List<Object[]> rows) {
        return rows.stream().map(this::entry).toList();
    }

    private AuditEntry entry(Object[] row) {
        return new AuditEntry(UUID.fromString((String) row[0]), UUID.fromString((String) row[1]), (String) row[2],
                ((Number) row[3]).longValue(), Sql.instant(row[4]), Sql.instant(row[5]),
                ((Number) row[6]).intValue() != 0, (String) row[7], ((Number) row[8]).intValue(),
                ((Number) row[9]).longValue(), Sql.instant(row[10]), (String) row[11], readHeaders(NativeSql.text(row[12])),
                NativeSql.text(row[13]));
    }

    private Map<String, String> readHeaders(String headersJson) {
        try {
            return json.readValue(headersJson, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable headers in audit_entry", e);
        }
    }
}
