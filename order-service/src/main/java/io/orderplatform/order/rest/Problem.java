package io.orderplatform.order.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 7807 problem detail, served as {@value #MEDIA_TYPE}. */
@Schema(description = "RFC 7807 problem detail")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "violations" })
public record Problem(
        @Schema(description = "URI identifying the kind of problem") String type,
        String title,
        int status,
        String detail,
        @Schema(description = "The request path") String instance,
        @Schema(description = "With 400: each invalid field and what is wrong with it") List<Violation> violations,
        @JsonIgnore @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(ProblemType type, String detail, String instance, List<Violation> violations) {
        this(type.uri(), type.title(), type.status(), detail, instance, violations, null);
    }

    /** A problem without a type of its own (e.g. 405, 415): {@code about:blank} with the status' reason phrase. */
    public static Problem generic(int status, String title, String detail, String instance) {
        return new Problem("about:blank", title, status, detail, instance, null, null);
    }

    /** The same problem with an extra member, e.g. the current status of an order. */
    public Problem with(String name, Object value) {
        Map<String, Object> more = extensions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, instance, violations, more);
    }

    /** Extension members are written beside the standard ones, as RFC 7807 wants them. */
    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }

    /** One invalid field: its path in the request (e.g. {@code items[0].quantity}) and the reason. */
    @Schema(description = "An invalid field of the request")
    public record Violation(String field, String message) {
    }
}
