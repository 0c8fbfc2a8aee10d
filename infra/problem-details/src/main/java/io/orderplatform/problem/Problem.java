package io.orderplatform.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 (formerly 7807) problem details body, served as {@value #MEDIA_TYPE}. Extension members (e.g. the
 * current status of an order) are written beside the standard ones; empty members are left out.
 *
 * @param type       a URI identifying the kind of problem ({@link ProblemType}), or {@code about:blank}
 * @param violations with a 400: each bad field and what is wrong with it
 * @param extensions extension members, written as top-level members (see {@link #with(String, Object)})
 */
@RegisterForReflection
@Schema(description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "violations" })
public record Problem(
        @Schema(description = "URI identifying the kind of problem") String type,
        @Schema(description = "Short summary of the kind of problem") String title,
        @Schema(description = "The HTTP status") int status,
        @Schema(description = "What went wrong with this request") String detail,
        @Schema(description = "The request path") String instance,
        @Schema(description = "With 400: each invalid field and what is wrong with it") List<Violation> violations,
        @JsonIgnore @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        violations = violations == null ? null : List.copyOf(violations);
        extensions = extensions == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** A problem of a known type: its URI, title and status come from the type. */
    public Problem(ProblemType type, String detail, String instance, List<Violation> violations) {
        this(type.uri(), type.title(), type.status(), detail, instance, violations, null);
    }

    /** The same problem with an extra member, e.g. the current status of an order. */
    public Problem with(String name, Object value) {
        Map<String, Object> more = extensions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, instance, violations, more);
    }

    /** Extension members are written beside the standard ones, as RFC 9457 wants them. */
    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }

    /** One invalid field: its path in the request (e.g. {@code items[0].quantity} or {@code limit}) and the reason. */
    @RegisterForReflection
    @Schema(description = "An invalid field of the request")
    public record Violation(
            @Schema(description = "Path of the field in the body (items[0].quantity), or the parameter or header name")
            String field,
            String message) {
    }
}
