package io.orderplatform.order.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.orderplatform.order.domain.ForbiddenTransitionException;
import io.orderplatform.order.rest.Problem.Violation;
import io.orderplatform.order.service.IdempotencyKeyReusedException;
import io.orderplatform.order.service.OrderNotFoundException;

/**
 * Every error leaves as an RFC 7807 problem ({@value Problem#MEDIA_TYPE}). Client mistakes get a 4xx that names
 * what is wrong; only our own faults are 500s, and those never echo internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Bean Validation of the body and the query parameters. */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            violations.add(new Violation(field(violation.getPropertyPath()), violation.getMessage()));
        }
        violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
        return invalidRequest(violations, uri);
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e, UriInfo uri) {
        return invalidRequest(e.violations(), uri);
    }

    /** Well-formed JSON with a value of the wrong type, e.g. {@code "quantity": "two"}. */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        if (JsonErrors.isTrailingContent(e)) {
            return malformed(e, uri);
        }
        return wrongValue(JsonErrors.field(e), JsonErrors.expectation(e), uri);
    }

    /** A number too large for its field, e.g. a quantity beyond the range of int. */
    @ServerExceptionMapper
    public Response outOfRange(InputCoercionException e, UriInfo uri) {
        return wrongValue(JsonErrors.field(e), "is out of range", uri);
    }

    /** JSON that does not parse. */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        // Jackson wraps a number out of range in a mapping error that knows the field's path.
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof InputCoercionException) {
            return wrongValue(JsonErrors.field(mapping), "is out of range", uri);
        }
        String field = JsonErrors.field(e);
        String message = e.getOriginalMessage() + JsonErrors.location(e);
        return problem(new Problem(ProblemType.MALFORMED_JSON, "The request body is not valid JSON for an order: "
                + message, path(uri), List.of(new Violation(field, message))));
    }

    /** Quarkus REST wraps some Jackson errors, and answers 404/405/406/415 itself. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return wrongType(mismatch, uri);
        }
        if (e.getCause() instanceof InputCoercionException coercion) {
            return outOfRange(coercion, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(Problem.generic(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response notFound(OrderNotFoundException e, UriInfo uri) {
        return problem(new Problem(ProblemType.ORDER_NOT_FOUND, e.getMessage(), path(uri), null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenTransitionException e, UriInfo uri) {
        return problem(new Problem(ProblemType.TRANSITION_NOT_ALLOWED, e.getMessage(), path(uri), null)
                .with("currentStatus", e.current())
                .with("action", e.action().verb()));
    }

    @ServerExceptionMapper
    public Response reused(IdempotencyKeyReusedException e, UriInfo uri) {
        return problem(new Problem(ProblemType.IDEMPOTENCY_KEY_REUSED, e.getMessage(), path(uri), null));
    }

    /** Anything else is our fault: logged with its stack trace, answered without it. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Request %s failed", path(uri));
        return problem(new Problem(ProblemType.INTERNAL_ERROR, "The request could not be processed; it was logged.",
                path(uri), null));
    }

    private static Response wrongValue(String field, String message, UriInfo uri) {
        return problem(new Problem(ProblemType.INVALID_REQUEST, field + " " + message, path(uri),
                List.of(new Violation(field, message))));
    }

    private static Response invalidRequest(List<Violation> violations, UriInfo uri) {
        String detail = violations.size() == 1
                ? violations.get(0).field() + " " + violations.get(0).message()
                : violations.size() + " fields are invalid";
        return problem(new Problem(ProblemType.INVALID_REQUEST, detail, path(uri), violations));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }

    /**
     * {@code create.body.items[0].quantity} becomes {@code items[0].quantity}: the method is dropped, and so is the
     * parameter when the violation is inside it (the body); a violated query parameter keeps its name.
     */
    static String field(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        nodes.removeIf(node -> node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR);
        if (nodes.size() > 1 && nodes.get(0).getKind() == ElementKind.PARAMETER) {
            nodes.remove(0);
        }
        StringBuilder field = new StringBuilder();
        for (Path.Node node : nodes) {
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            String name = node.getName();
            // Container elements ("<list element>") are named by their index alone.
            if (name != null && !name.startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.isEmpty() ? JsonErrors.BODY : field.toString();
    }
}
