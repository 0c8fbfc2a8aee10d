package io.orderplatform.audit.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderplatform.contract.EventType;
import io.orderplatform.problem.ProblemException;

/** Parses the audit API's parameters; each bad one is a 400 problem naming it. */
final class RequestParameters {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;

    private RequestParameters() {
    }

    static UUID uuid(String name, String value) {
        try {
            UUID id = UUID.fromString(value);
            // UUID.fromString accepts short forms such as 1-2-3-4-5; only the canonical 36 characters are ids.
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProblemException.badRequest(name, "must be a UUID, was '" + value + "'");
    }

    /** The event type by its wire name, or null when absent (all types). */
    static EventType eventType(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return EventType.fromWireName(value.trim());
        } catch (IllegalArgumentException e) {
            String known = Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", "));
            throw ProblemException.badRequest(name, "must be one of " + known + ", was '" + value + "'");
        }
    }

    /** An ISO-8601 instant with an offset ({@code 2026-01-31T10:00:00Z}, {@code ...+01:00}), or null when absent. */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name,
                    "must be an ISO-8601 date-time with an offset, e.g. 2026-01-31T10:00:00Z, was '" + value + "'");
        }
    }

    /** A whole number from {@code min} to {@code max}, or {@code defaultValue} when absent. */
    static int number(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, like any other out-of-range value
        }
        String range = max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
        throw ProblemException.badRequest(name, "must be a whole number " + range + ", was '" + value + "'");
    }
}
