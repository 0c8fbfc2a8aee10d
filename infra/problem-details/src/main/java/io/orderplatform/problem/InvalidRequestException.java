package io.orderplatform.problem;

import java.util.List;

/**
 * 400 {@code invalid-request} with one or more violations: for checks Bean Validation cannot express, e.g. on a
 * header or between two parameters. The detail names the field when there is one, else counts them.
 */
public class InvalidRequestException extends ProblemException {

    public InvalidRequestException(String field, String message) {
        this(List.of(new Problem.Violation(field, message)));
    }

    public InvalidRequestException(List<Problem.Violation> violations) {
        super(ProblemType.INVALID_REQUEST, detail(violations), violations);
    }

    /**
     * {@code items[0].quantity must be greater than or equal to 1} for one field (its messages joined by "; " if it
     * has several), {@code 2 fields are invalid} for more.
     */
    static String detail(List<Problem.Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("An invalid request names at least one violation");
        }
        long fields = violations.stream().map(Problem.Violation::field).distinct().count();
        if (fields == 1) {
            return violations.get(0).field() + " "
                    + String.join("; ", violations.stream().map(Problem.Violation::message).toList());
        }
        return fields + " fields are invalid";
    }
}
