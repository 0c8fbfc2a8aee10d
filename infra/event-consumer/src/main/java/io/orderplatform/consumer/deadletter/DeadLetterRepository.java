package io.orderplatform.consumer.deadletter;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderplatform.consumer.deadletter.DeadLetterFilter.HqlCondition;
import io.orderplatform.consumer.deadletter.DeadLetterSummaryView.KindCount;
import io.orderplatform.consumer.deadletter.DeadLetterSummaryView.ReasonCount;
import io.orderplatform.consumer.deadletter.DeadLetterSummaryView.TimeCount;
import io.orderplatform.problem.PageCursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The dead-letter index ({@code dead_letter}). Queries are HQL; the one native statement is the insert that
 * ignores a dead letter already stored, which HQL cannot say. Call within a session or transaction.
 */
@ApplicationScoped
public class DeadLetterRepository implements PanacheRepositoryBase<DeadLetter, Long> {

    /**
     * Stores a dead letter unless one with the same dead-letter coordinates is stored: reading the topic again
     * changes nothing, and counts as nothing (1 row affected when stored, 0 when it was there). The ON DUPLICATE KEY
     * clause only covers two consumers storing the same dead letter at once (during a rebalance); not INSERT IGNORE,
     * which would also swallow any other error.
     */
    static final String INSERT_UNLESS_STORED = """
            INSERT INTO dead_letter (dlq_topic, dlq_partition, dlq_offset, record_key, record_value, headers_json,
                event_id, order_id, reason, kind, original_topic, original_partition, original_offset,
                dead_lettered_at, first_dead_lettered_at, redrive_count, status)
            SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17 FROM DUAL
            WHERE NOT EXISTS (SELECT 1 FROM dead_letter stored
                              WHERE stored.dlq_topic = ?1 AND stored.dlq_partition = ?2 AND stored.dlq_offset = ?3)
            ON DUPLICATE KEY UPDATE id = id
            """;

    /** Reasons are grouped on their first characters: enough to tell causes apart, bounded for the database. */
    static final int REASON_GROUP_LENGTH = 200;

    private static final UtcDateTimeConverter UTC = new UtcDateTimeConverter();

    /** Stores each dead letter not stored yet, in order; how many were new. */
    public Uni<Integer> storeUnlessStored(List<DeadLetter> deadLetters) {
        Uni<Integer> stored = Uni.createFrom().item(0);
        for (DeadLetter deadLetter : deadLetters) {
            stored = stored.chain(count -> insertUnlessStored(deadLetter).map(inserted -> count + inserted));
        }
        return stored;
    }

    private Uni<Integer> insertUnlessStored(DeadLetter d) {
        return getSession().chain(session -> session.createNativeQuery(INSERT_UNLESS_STORED)
                .setParameter(1, d.dlqTopic())
                .setParameter(2, d.dlqPartition())
                .setParameter(3, d.dlqOffset())
                .setParameter(4, d.recordKey())
                .setParameter(5, d.recordValue())
                .setParameter(6, d.headersJson())
                .setParameter(7, d.eventId() == null ? null : d.eventId().toString())
                .setParameter(8, d.orderId() == null ? null : d.orderId().toString())
                .setParameter(9, d.reason())
                .setParameter(10, d.kind())
                .setParameter(11, d.originalTopic())
                .setParameter(12, d.originalPartition())
                .setParameter(13, d.originalOffset())
                .setParameter(14, UTC.convertToDatabaseColumn(d.deadLetteredAt()))
                .setParameter(15, UTC.convertToDatabaseColumn(d.firstDeadLetteredAt()))
                .setParameter(16, d.redriveCount())
                .setParameter(17, d.status().name())
                .executeUpdate());
    }

    /**
     * Dead letters that match, newest first, strictly after the cursor {@code (deadLetteredAt, id)} (from the newest
     * when null), at most {@code rows}.
     */
    public Uni<List<DeadLetterView>> newestFirst(DeadLetterFilter filter, PageCursor<Long> after, int rows) {
        HqlCondition condition = filter.toHql();
        if (after != null) {
            condition = condition.and("(deadLetteredAt < :cursorAt or (deadLetteredAt = :cursorAt and id < :cursorId))",
                    Map.of("cursorAt", after.at(), "cursorId", after.id()));
        }
        return find(condition.where(), Sort.descending("deadLetteredAt", "id"), condition.parameters())
                .page(0, rows).project(DeadLetterView.class).list();
    }

    /** The dead letters that match, oldest first (the order they were dead-lettered in), values included. */
    public Uni<List<DeadLetter>> oldestFirst(DeadLetterFilter filter, int limit) {
        HqlCondition condition = filter.toHql();
        return find(condition.where(), Sort.ascending("deadLetteredAt", "id"), condition.parameters())
                .page(0, limit).list();
    }

    /** These dead letters, oldest first; ids not stored are left out. */
    public Uni<List<DeadLetter>> byIds(Collection<Long> ids) {
        return list("id in ?1", Sort.ascending("deadLetteredAt", "id"), ids);
    }

    /** The dead letters at these coordinates of the dead-letter topic, oldest first; unknown ones are left out. */
    public Uni<List<DeadLetter>> byDlqCoordinates(String dlqTopic, Collection<DlqOffset> offsets) {
        List<String> alternatives = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("dlqTopic", dlqTopic);
        int i = 0;
        for (DlqOffset offset : offsets) {
            alternatives.add("(dlqPartition = :partition" + i + " and dlqOffset = :offset" + i + ")");
            parameters.put("partition" + i, offset.partition());
            parameters.put("offset" + i, offset.offset());
            i++;
        }
        return list("dlqTopic = :dlqTopic and (" + String.join(" or ", alternatives) + ")",
                Sort.ascending("deadLetteredAt", "id"), parameters);
    }

    /** Records that these dead letters were sent back with this redrive count, acknowledged by the broker. */
    public Uni<Integer> markRedriven(Collection<Long> ids, int redriveCount, Instant redrivenAt) {
        return update("status = :status, redriveCount = :count, lastRedrivenAt = :at where id in :ids",
                Map.of("status", DeadLetterStatus.REDRIVEN, "count", redriveCount, "at", redrivenAt, "ids", ids));
    }

    public Uni<Long> count(DeadLetterFilter filter) {
        HqlCondition condition = filter.toHql();
        return count(condition.where(), condition.parameters());
    }

    /** Counts by kind, most frequent first; kind null for dead letters without one. */
    public Uni<List<KindCount>> countsByKind(DeadLetterFilter filter) {
        return select(COUNTS_BY_KIND, KindCount.class, filter, Integer.MAX_VALUE);
    }

    /** Counts by the first {@value #REASON_GROUP_LENGTH} characters of the reason, the {@code top} most frequent. */
    public Uni<List<ReasonCount>> countsByReason(DeadLetterFilter filter, int top) {
        return select(COUNTS_BY_REASON, ReasonCount.class, filter, top);
    }

    /** Counts by UTC hour or day of dead-lettering, oldest first; empty buckets left out. */
    public Uni<List<TimeCount>> countsByTime(DeadLetterFilter filter, boolean byHour) {
        return select(byHour ? COUNTS_BY_HOUR : COUNTS_BY_DAY, TimeBucket.class, filter, Integer.MAX_VALUE)
                .map(buckets -> buckets.stream().map(TimeBucket::toTimeCount)
                        .sorted(Comparator.comparing(TimeCount::start)).toList());
    }

    private static final String COUNTS_BY_KIND = """
            select kind, count(*) from DeadLetter where %s group by kind order by count(*) desc
            """;

    private static final String COUNTS_BY_REASON = """
            select substring(reason, 1, %1$d), count(*) from DeadLetter where %%s
            group by substring(reason, 1, %1$d) order by count(*) desc
            """.formatted(REASON_GROUP_LENGTH);

    private static final String COUNTS_BY_DAY = """
            select year(deadLetteredAt), month(deadLetteredAt), day(deadLetteredAt), 0, count(*)
            from DeadLetter where %s
            group by year(deadLetteredAt), month(deadLetteredAt), day(deadLetteredAt)
            """;

    private static final String COUNTS_BY_HOUR = """
            select year(deadLetteredAt), month(deadLetteredAt), day(deadLetteredAt), hour(deadLetteredAt), count(*)
            from DeadLetter where %s
            group by year(deadLetteredAt), month(deadLetteredAt), day(deadLetteredAt), hour(deadLetteredAt)
            """;

    /** The selection condition goes in the query's {@code %s}; each row becomes a {@code type} by its constructor. */
    private <T> Uni<List<T>> select(String hqlWithCondition, Class<T> type, DeadLetterFilter filter, int maxResults) {
        HqlCondition condition = filter.toHql();
        return getSession().chain(session -> {
            var query = session.createSelectionQuery(hqlWithCondition.formatted(condition.where()), type);
            condition.parameters().forEach(query::setParameter);
            return query.setMaxResults(maxResults).getResultList();
        });
    }

    /** One (UTC year, month, day, hour, count) row of the time counts; hour 0 when counted by day. */
    @RegisterForReflection
    record TimeBucket(Integer year, Integer month, Integer day, Integer hour, Long count) {

        TimeCount toTimeCount() {
            return new TimeCount(LocalDateTime.of(year, month, day, hour, 0).toInstant(ZoneOffset.UTC), count);
        }
    }
}
