package io.orderplatform.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}).
 *
 * @param violations for a 400: each bad field and what is wrong with it
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One bad field: its path in the request (e.g. {@code items[0].quantity} or {@code limit}) and the message. */
    @RegisterForReflection
    public record Violation(String field, String message) {
    }
}
