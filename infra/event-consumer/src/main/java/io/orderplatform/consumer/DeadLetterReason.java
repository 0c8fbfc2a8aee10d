package io.orderplatform.consumer;

import io.orderplatform.contract.InvalidEventException;

/**
 * Why a record is dead-lettered, as SmallRye's dead-letter strategy writes it into the record's headers
 * ({@code dead-letter-reason}) and as the store and the operators read it: {@code <KIND>: <detail>} on one line,
 * bounded in length. It has no cause, so no multi-line parser message reaches the headers.
 */
public final class DeadLetterReason extends RuntimeException {

    /** Header naming the kind alone: a contract violation kind or {@code DATA_REJECTED}. */
    public static final String KIND_HEADER = "dead-letter-kind";

    private static final int MAX_DETAIL_LENGTH = 1000;

    private final String kind;

    private DeadLetterReason(String kind, String detail) {
        super(kind + ": " + singleLine(detail), null, false, false);
        this.kind = kind;
    }

    public static DeadLetterReason contractViolation(InvalidEventException invalid) {
        return new DeadLetterReason(invalid.kind().name(), String.join("; ", invalid.violations()));
    }

    /** The database refused this event's data on its own (see {@link FailureKind#DATA_REJECTED}). */
    public static DeadLetterReason dataRejected(Throwable failure) {
        return new DeadLetterReason(FailureKind.DATA_REJECTED.name(), describe(failure));
    }

    public String kind() {
        return kind;
    }

    /** The innermost message of a failure, with its type: what an operator needs, on one line. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return singleLine(root.getClass().getSimpleName() + message);
    }

    /** Line breaks and tabs become spaces, runs of spaces one; at most {@value #MAX_DETAIL_LENGTH} characters. */
    static String singleLine(String text) {
        String line = text == null ? "" : text.replaceAll("[\\r\\n\\t\\u2028\\u2029]+", " ").replaceAll(" {2,}", " ")
                .strip();
        return line.length() <= MAX_DETAIL_LENGTH ? line : line.substring(0, MAX_DETAIL_LENGTH - 1) + "…";
    }
}
