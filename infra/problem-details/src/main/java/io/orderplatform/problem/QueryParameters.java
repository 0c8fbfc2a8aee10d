package io.orderplatform.problem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Parses request parameters taken as text, so that a bad value is a 400 problem naming the parameter (a JAX-RS
 * {@code int} or {@code UUID} parameter that fails to convert is a 404 by the spec). Absent values give the default.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** A whole number from {@code min} to {@code max}, or {@code defaultValue} when absent. */
    public static int wholeNumber(String name, String value, int defaultValue, int min, int max) {
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

    /** A UUID in its canonical 36-character form. */
    public static UUID uuid(String name, String value) {
        try {
            UUID id = UUID.fromString(value);
            // UUID.fromString accepts short forms such as 1-2-3-4-5; only the canonical 36 characters are ids.
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // answered below
        }
        throw ProblemException.badRequest(name, "must be a UUID, was '" + value + "'");
    }

    /** An ISO-8601 instant with an offset ({@code 2026-01-31T10:00:00Z}, {@code ...+01:00}), or null when absent. */
    public static Instant instant(String name, String value) {
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
}
