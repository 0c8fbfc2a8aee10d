package io.orderplatform.problem;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.VertxException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests the HTTP router refuses before any resource sees them: no {@code Host} header, a path that does not
 * start with '/', and the like. Vert.x fails their routing with a 4xx, which Quarkus' default failure handler
 * answers with a JSON or HTML page of its own (with a stack trace in dev and test mode). They get a problem like
 * every other error instead, with Vert.x's reason as the detail: it names the client's mistake and nothing of ours.
 * <p>
 * Server errors (5xx) are left to Quarkus' handler, which logs them with an error id. Answers Vert.x writes
 * itself, without routing (414, 431 and 400 for a request it cannot parse), stay as they are.
 */
@Singleton
public class HttpLayerProblems {

    private final ObjectMapper json;

    public HttpLayerProblems(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Router router) {
        // First among the failure handlers; Quarkus' own is last.
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answer);
    }

    void answer(RoutingContext context) {
        int status = context.statusCode();
        if (status < 400 || status > 499 || context.response().headWritten()) {
            context.next();
            return;
        }
        String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
        String detail = context.failure() instanceof VertxException vertx && vertx.getMessage() != null
                ? vertx.getMessage() : reason;
        Problem problem = new Problem(ProblemType.generic(status, reason), detail, context.request().path(), null);
        try {
            context.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            // Cannot happen for a Problem; Quarkus' handler still answers.
            context.next();
        }
    }
}
