package io.orderplatform.problem;

import static io.orderplatform.problem.ProblemResponses.instance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.orderplatform.database.DatabaseUnavailableException;
import io.orderplatform.problem.Problem.Violation;

/**
 * Every error of every service leaves as an RFC 9457 problem ({@value Problem#MEDIA_TYPE}). Client mistakes get a
 * 4xx that names what is wrong; only our own faults are 500s, logged with their stack trace and never echoed.
 * <p>
 * Jackson's exceptions are mapped at their own types so that these mappers win over Quarkus' built-in ones. A
 * service adds mappers only for its domain exceptions, answering with {@link ProblemResponses}.
 */
@Singleton
public class ProblemMappers {

    /**
     * The start of the detail of a {@code malformed-json} problem, e.g. "The request body is not valid JSON for an
     * order"; Jackson's message and the position follow it.
     */
    public static final String MALFORMED_JSON_DETAIL = "problem-details.malformed-json.detail";

    static final String DEFAULT_MALFORMED_JSON_DETAIL = "The request body is not valid JSON";
    static final String INTERNAL_ERROR_DETAIL = "The request could not be processed; it was logged.";

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final Duration UNAVAILABLE_LOG_INTERVAL = Duration.ofSeconds(10);

    /** Seconds a client is told to wait (Retry-After) when the database is unavailable. */
    public static final String RETRY_AFTER = "orderplatform.database.retry-after";

    /**
     * A request that timed out may still commit (its work runs to its own end, see RequestDatabaseWork): only an
     * Idempotency-Key makes the retry safe, so the detail says so.
     */
    static final String UNAVAILABLE_DETAIL = "The database is unavailable or did not answer in time. Retry after the "
            + "Retry-After delay, with the same Idempotency-Key for a POST: the request may have been applied.";

    private final String malformedJsonDetail;
    private final Duration retryAfter;
    /**
     * 503s for an unavailable database are logged once per {@link #UNAVAILABLE_LOG_INTERVAL} with a count of the
     * others: an overload answered with thousands of 503s a second must not also write thousands of log lines (each
     * 503 is counted in http_server_requests_seconds_count{status="503"}).
     */
    private final AtomicLong unavailableNotLogged = new AtomicLong();
    private volatile long nextUnavailableLog = System.nanoTime();

    public ProblemMappers() {
        this(DEFAULT_MALFORMED_JSON_DETAIL);
    }

    public ProblemMappers(String malformedJsonDetail) {
        this(malformedJsonDetail, Duration.ofSeconds(5));
    }

    @Inject
    public ProblemMappers(
            @ConfigProperty(name = MALFORMED_JSON_DETAIL, defaultValue = DEFAULT_MALFORMED_JSON_DETAIL) String malformedJsonDetail,
            @ConfigProperty(name = RETRY_AFTER, defaultValue = "5s") Duration retryAfter) {
        this.malformedJsonDetail = malformedJsonDetail;
        this.retryAfter = retryAfter;
    }

    /** A service's own answer, e.g. {@code ProblemException.notFound(...)} or an {@link InvalidRequestException}. */
    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return ProblemResponses.of(e.toProblem(instance(uri)));
    }

    /** Bean Validation of the body and the parameters: one violation per bad field, sorted by field. */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        if (e.getConstraintViolations().stream().anyMatch(v -> isReturnValue(v.getPropertyPath()))) {
            // A response that breaks its own constraints is our fault, not the client's.
            return unexpected(e, uri);
        }
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            violations.add(new Violation(FieldPaths.of(violation.getPropertyPath()), violation.getMessage()));
        }
        if (violations.isEmpty()) {
            return problem(new ProblemException(ProblemType.INVALID_REQUEST, "The request is invalid"), uri);
        }
        violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
        return problem(new InvalidRequestException(violations), uri);
    }

    /** Well-formed JSON with a value of the wrong type, e.g. {@code "quantity": "two"}. */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        if (JsonErrors.isTrailingContent(e)) {
            return malformed(e, uri);
        }
        if (e instanceof PropertyBindingException) {
            // Only where a service refuses unknown properties (FAIL_ON_UNKNOWN_PROPERTIES); the path ends with it.
            return wrongValue(FieldPaths.of(e), "is not a known property", uri);
        }
        return wrongValue(FieldPaths.of(e), JsonErrors.expectation(e), uri);
    }

    /** A number too large for its field, e.g. a quantity beyond the range of int. */
    @ServerExceptionMapper
    public Response outOfRange(InputCoercionException e, UriInfo uri) {
        return wrongValue(FieldPaths.of(e), "is out of range", uri);
    }

    /** A value the target type's constructor refused: the client sent it, but its message is ours, not theirs. */
    @ServerExceptionMapper
    public Response unconstructible(ValueInstantiationException e, UriInfo uri) {
        LOG.debugf(e, "Request %s: value refused by its constructor", instance(uri));
        return wrongValue(FieldPaths.of(e), "has an invalid value", uri);
    }

    /** Jackson cannot bind the target type at all (no creator, an abstract type): our bug, whatever was sent. */
    @ServerExceptionMapper
    public Response unbindable(InvalidDefinitionException e, UriInfo uri) {
        return unexpected(e, uri);
    }

    /** JSON that does not parse (syntax error, trailing content). */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        // Jackson wraps a number out of range in a mapping error that knows the field's path.
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof InputCoercionException) {
            return wrongValue(FieldPaths.of(mapping), "is out of range", uri);
        }
        String field = FieldPaths.of(e);
        String message = e.getOriginalMessage() + JsonErrors.location(e);
        return ProblemResponses.of(new Problem(ProblemType.MALFORMED_JSON, malformedJsonDetail + ": " + message,
                instance(uri), List.of(new Violation(field, message))));
    }

    /**
     * Quarkus REST wraps some Jackson errors, and answers 404/405/406/415 itself: those become {@code about:blank}
     * problems with the reason phrase, keeping headers such as {@code Allow}. A redirect stays a redirect.
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return wrongType(mismatch, uri);
        }
        if (e.getCause() instanceof InputCoercionException coercion) {
            return outOfRange(coercion, uri);
        }
        if (e.getCause() instanceof InvalidDefinitionException definition) {
            return unbindable(definition, uri);
        }
        if (e.getCause() instanceof ValueInstantiationException instantiation) {
            return unconstructible(instantiation, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json, uri);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400) {
            return original;
        }
        String reason = original.getStatusInfo().getReasonPhrase();
        String detail = e.getMessage();
        if (status >= 500) {
            LOG.errorf(e, "Request %s failed", instance(uri));
            detail = INTERNAL_ERROR_DETAIL;
        }
        Problem problem = new Problem(ProblemType.generic(status, reason == null ? "HTTP " + status : reason), detail,
                instance(uri), null);
        Response.ResponseBuilder response = ProblemResponses.builder(problem);
        original.getStringHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    /**
     * Anything else is our fault, logged with its stack trace and answered without it; except the database being
     * unavailable (away, frozen, overloaded): a 503 with Retry-After, logged in one line.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseUnavailableException.isCause(e)) {
            logUnavailable(e, uri);
            return ProblemResponses.builder(new Problem(ProblemType.SERVICE_UNAVAILABLE, UNAVAILABLE_DETAIL,
                    instance(uri), null)).header(HttpHeaders.RETRY_AFTER, retryAfter.toSeconds()).build();
        }
        LOG.errorf(e, "Request %s failed", instance(uri));
        return ProblemResponses.of(new Problem(ProblemType.INTERNAL_ERROR, INTERNAL_ERROR_DETAIL, instance(uri), null));
    }

    private void logUnavailable(Throwable e, UriInfo uri) {
        long now = System.nanoTime();
        if (now - nextUnavailableLog < 0) {
            unavailableNotLogged.incrementAndGet();
            return;
        }
        nextUnavailableLog = now + UNAVAILABLE_LOG_INTERVAL.toNanos();
        long others = unavailableNotLogged.getAndSet(0);
        LOG.warnf("Request %s: database unavailable (%s)%s", instance(uri), e,
                others == 0 ? "" : "; " + others + " other requests answered 503 since the last such line");
    }

    private Response wrongValue(String field, String message, UriInfo uri) {
        return problem(new InvalidRequestException(field, message), uri);
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }
}
