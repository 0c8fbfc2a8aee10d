package io.orderplatform.consumer.deadletter;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderplatform.problem.ProblemException;
import io.orderplatform.problem.QueryParameters;

/**
 * The dead-letter API's own parameters, each parsed from text so that a bad value is a 400 problem naming it (the
 * generic ones are {@link QueryParameters}). Used for query parameters and for the filter of a redrive's body alike.
 */
final class DeadLetterParameters {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;
    /** Longest {@code reason} to search for: longer is no search a person types. */
    static final int MAX_REASON_LENGTH = 200;
    /** Most frequent reasons listed by the summary. */
    static final int SUMMARY_REASONS = 20;

    private DeadLetterParameters() {
    }

    /**
     * A filter from its parameters' text; {@code prefix} is put before each name in a problem ({@code "filter."}
     * for a redrive's body, empty for query parameters).
     */
    static DeadLetterFilter filter(String prefix, String reason, String from, String to, String eventId,
            String orderId, String status) {
        Instant fromInstant = QueryParameters.instant(prefix + "from", from);
        Instant toInstant = QueryParameters.instant(prefix + "to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw ProblemException.badRequest(prefix + "from", "must be before to (" + to + "), was '" + from + "'");
        }
        return new DeadLetterFilter(reason(prefix + "reason", reason), fromInstant, toInstant,
                optionalUuid(prefix + "eventId", eventId), optionalUuid(prefix + "orderId", orderId),
                status(prefix + "status", status));
    }

    static String reason(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_REASON_LENGTH) {
            throw ProblemException.badRequest(name, "must be at most " + MAX_REASON_LENGTH + " characters, was "
                    + value.length());
        }
        return value.trim();
    }

    static UUID optionalUuid(String name, String value) {
        return value == null || value.isBlank() ? null : QueryParameters.uuid(name, value.trim());
    }

    /** NEW or REDRIVEN, or null when absent. */
    static DeadLetterStatus status(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DeadLetterStatus.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, "must be one of " + Arrays.stream(DeadLetterStatus.values())
                    .map(Enum::name).collect(Collectors.joining(", ")) + ", was '" + value + "'");
        }
    }

    /** {@code hour} (true) or {@code day} (false, the default). */
    static boolean byHour(String name, String value) {
        if (value == null || value.isBlank() || value.trim().equals("day")) {
            return false;
        }
        if (value.trim().equals("hour")) {
            return true;
        }
        throw ProblemException.badRequest(name, "must be hour or day, was '" + value + "'");
    }

    /** A dead letter's id: a whole number from 1. */
    static long id(String name, String value) {
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // answered below
        }
        throw ProblemException.badRequest(name, "must be a whole number from 1, was '" + value + "'");
    }
}
