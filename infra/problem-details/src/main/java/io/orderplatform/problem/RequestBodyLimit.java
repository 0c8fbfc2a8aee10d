package io.orderplatform.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose declared body (Content-Length) exceeds {@code quarkus.http.limits.max-body-size} with a 413
 * problem, before a byte of the body is read: an oversized request costs the service no memory. Quarkus refuses it
 * too (with an empty 413); this filter runs first so that clients get the same problem body as for every other
 * refusal. A chunked body without Content-Length is counted as it arrives and refused by Quarkus at the same limit.
 */
@ApplicationScoped
public class RequestBodyLimit {

    /** Before Quarkus' own body-size check (route order -2): filters run at order -priority. */
    private static final int PRIORITY = 100;

    private final long maxBodyBytes;
    private final ObjectMapper json;

    public RequestBodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            ObjectMapper json) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::refuseOversized, PRIORITY);
    }

    private void refuseOversized(RoutingContext request) {
        String declared = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isOver(declared)) {
            // Close the connection: the client may still be sending the body, which nobody will read.
            request.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Buffer.buffer(problem(declared, request.normalizedPath())));
            return;
        }
        request.next();
    }

    private byte[] problem(String declared, String path) {
        try {
            return json.writeValueAsBytes(new Problem(ProblemType.PAYLOAD_TOO_LARGE, "The request body has " + declared
                    + " bytes; this service accepts at most " + maxBodyBytes, path, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem body is always serializable", e);
        }
    }

    /** True for a length over the limit; a malformed length is left to the HTTP codec, which refuses it with 400. */
    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
