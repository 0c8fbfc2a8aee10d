package io.orderplatform.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every client mistake into a problem body: never a 500, never a bare HTML or text error. Jackson's
 * exceptions are mapped at their exact types so that these mappers win over Quarkus' built-in ones.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public RestResponse<Problem> problem(ProblemException e, UriInfo uri) {
        return respond(new Problem(type(e.status()), e.title(), e.status(), e.getMessage(), path(uri), e.violations()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            violations.add(new Problem.Violation(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field));
        String detail = violations.stream().map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b).orElse("The request is not valid");
        return respond(new Problem(type(400), "Bad Request", 400, detail, path(uri), violations));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> malformedJson(JsonParseException e, UriInfo uri) {
        return respond(new Problem(type(400), "Bad Request", 400, "The body is not valid JSON: " + e.getOriginalMessage(),
                path(uri), List.of(new Problem.Violation("body", "malformed JSON"))));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return jsonMapping(e, uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> uninstantiableJson(ValueInstantiationException e, UriInfo uri) {
        return jsonMapping(e, uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unmappableJson(JsonMappingException e, UriInfo uri) {
        return jsonMapping(e, uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> web(WebApplicationException e, UriInfo uri) {
        Response response = e.getResponse();
        int status = response.getStatus();
        String title = response.getStatusInfo().getReasonPhrase();
        return respond(new Problem(type(status), title, status, e.getMessage(), path(uri), List.of()));
    }

    private RestResponse<Problem> jsonMapping(JsonMappingException e, UriInfo uri) {
        String field = fieldOf(e.getPath());
        String message = e.getOriginalMessage();
        // Jackson's messages name Java types; the first line is enough for a client.
        int newline = message == null ? -1 : message.indexOf('\n');
        String shortMessage = newline < 0 ? String.valueOf(message) : message.substring(0, newline);
        return respond(new Problem(type(400), "Bad Request", 400, field + ": " + shortMessage, path(uri),
                List.of(new Problem.Violation(field, shortMessage))));
    }

    /** {@code items[0].quantity} from a Bean Validation path, without the method and parameter nodes. */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (field.length() > 0) {
                field.append('.');
            }
            field.append(node.getName());
        }
        if (field.length() == 0) {
            return parameter == null ? "request" : parameter;
        }
        return field.toString();
    }

    /** {@code items[0].quantity} from a Jackson reference path. */
    static String fieldOf(List<JsonMappingException.Reference> references) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }

    private static String type(int status) {
        return "https://httpstatuses.io/" + status;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static RestResponse<Problem> respond(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status()).entity(problem)
                .type(Problem.MEDIA_TYPE).build();
    }
}
