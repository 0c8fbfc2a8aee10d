package io.orderplatform.problem;

import java.util.List;

/**
 * Thrown by a service to answer with a problem of a given {@link ProblemType}: {@link ProblemMappers} turns it into
 * its status and body. The simple way for a resource to answer a client's mistake:
 * {@code throw ProblemException.badRequest("limit", "must be a whole number from 1 to 100")}.
 * <p>
 * No stack trace: it is a planned answer, never logged as an error.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.Violation> violations;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<Problem.Violation> violations) {
        super(detail, null, false, false);
        this.type = type;
        this.violations = List.copyOf(violations);
    }

    /** 400 {@code invalid-request}: one bad field, parameter or header (an {@link InvalidRequestException}). */
    public static ProblemException badRequest(String field, String message) {
        return new InvalidRequestException(field, message);
    }

    /** 403 {@code forbidden} naming the field (or parameter) whose value the caller may not use, e.g. customerId. */
    public static ProblemException forbidden(String field, String message) {
        return new ProblemException(ProblemType.FORBIDDEN, field + " " + message,
                List.of(new Problem.Violation(field, message)));
    }

    /** 404 {@code not-found}: the named thing does not exist. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    /** 409 {@code conflict}: the request conflicts with the current state of the resource. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    public ProblemType type() {
        return type;
    }

    public int status() {
        return type.status();
    }

    public String title() {
        return type.title();
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    /** The body answering the request for {@code instance} (its path). */
    public Problem toProblem(String instance) {
        return new Problem(type, getMessage(), instance, violations.isEmpty() ? null : violations);
    }
}
