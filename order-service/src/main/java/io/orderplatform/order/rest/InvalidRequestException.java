package io.orderplatform.order.rest;

import java.util.List;

/** A request that fails a check Bean Validation cannot express, e.g. on a header (HTTP 400). */
public class InvalidRequestException extends RuntimeException {

    private final List<Problem.Violation> violations;

    public InvalidRequestException(String field, String message) {
        super(field + ": " + message);
        this.violations = List.of(new Problem.Violation(field, message));
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
