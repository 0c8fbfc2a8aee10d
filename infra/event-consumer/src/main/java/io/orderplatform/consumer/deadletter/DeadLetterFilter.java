package io.orderplatform.consumer.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which dead letters a list, a summary or a redrive is about; every field is optional (null: no condition).
 *
 * @param reason a kind ({@code SCHEMA_VIOLATION}, {@code DATA_REJECTED}) or a piece of the reason's text, without
 *        regard to case
 * @param from dead-lettered at or after
 * @param to dead-lettered before
 */
public record DeadLetterFilter(String reason, Instant from, Instant to, UUID eventId, UUID orderId,
        DeadLetterStatus status) {

    /** Every dead letter. */
    public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null, null, null, null);

    /** The same filter, restricted to one status. */
    public DeadLetterFilter withStatus(DeadLetterStatus newStatus) {
        return new DeadLetterFilter(reason, from, to, eventId, orderId, newStatus);
    }

    /**
     * The HQL condition (attributes of {@link DeadLetter}, unqualified, so it serves Panache queries and the
     * session's alike; {@code "1 = 1"} when there is none) and its named parameters.
     */
    HqlCondition toHql() {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (reason != null) {
            // Both columns compare without regard to case (their collation).
            conditions.add("(kind = :reason or reason like :reasonPattern escape '!')");
            parameters.put("reason", reason);
            parameters.put("reasonPattern", "%" + escapeLike(reason) + "%");
        }
        if (from != null) {
            conditions.add("deadLetteredAt >= :from");
            parameters.put("from", from);
        }
        if (to != null) {
            conditions.add("deadLetteredAt < :to");
            parameters.put("to", to);
        }
        if (eventId != null) {
            conditions.add("eventId = :eventId");
            parameters.put("eventId", eventId);
        }
        if (orderId != null) {
            conditions.add("orderId = :orderId");
            parameters.put("orderId", orderId);
        }
        if (status != null) {
            conditions.add("status = :status");
            parameters.put("status", status);
        }
        return new HqlCondition(conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions), parameters);
    }

    /** A piece of text matched literally by {@code like ... escape '!'}. */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** An HQL condition and the values of its named parameters. */
    record HqlCondition(String where, Map<String, Object> parameters) {

        HqlCondition {
            parameters = Map.copyOf(parameters);
        }

        /** This condition and one more. */
        HqlCondition and(String condition, Map<String, Object> more) {
            Map<String, Object> all = new LinkedHashMap<>(parameters);
            all.putAll(more);
            return new HqlCondition(where + " and " + condition, all);
        }
    }
}
