package io.orderplatform.contract;

import java.util.List;

/**
 * A record that does not meet the event contract. It is permanent: retrying the same bytes cannot succeed, so
 * consumers send such a record to their dead-letter topic at once, with {@link #getMessage()} as the reason.
 */
public class InvalidEventException extends RuntimeException {

    /** What is wrong with the record, coarse enough to count and alert on. */
    public enum Kind {
        MALFORMED_JSON,
        NOT_AN_OBJECT,
        SCHEMA_VIOLATION,
        /** A valid envelope in a record whose key or headers contradict it (the key must be the orderId). */
        RECORD_MISMATCH
    }

    private final Kind kind;
    private final List<String> violations;

    public InvalidEventException(Kind kind, List<String> violations, Throwable cause) {
        super(kind + ": " + String.join("; ", violations), cause);
        this.kind = kind;
        this.violations = List.copyOf(violations);
    }

    public Kind kind() {
        return kind;
    }

    public List<String> violations() {
        return violations;
    }
}
