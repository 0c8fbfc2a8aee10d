package io.orderplatform.order.rest;

import static io.orderplatform.problem.ProblemResponses.instance;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.orderplatform.order.domain.ForbiddenTransitionException;
import io.orderplatform.order.service.IdempotencyKeyReusedException;
import io.orderplatform.order.service.OrderNotFoundException;
import io.orderplatform.problem.Problem;
import io.orderplatform.problem.ProblemResponses;

/**
 * The domain exceptions of the orders API as problems. Everything else (validation, JSON, HTTP errors, our own
 * faults) is answered by the platform's shared {@link io.orderplatform.problem.ProblemMappers}.
 */
public class OrderProblemMappers {

    @ServerExceptionMapper
    public Response notFound(OrderNotFoundException e, UriInfo uri) {
        return ProblemResponses.of(OrderProblemTypes.ORDER_NOT_FOUND, e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenTransitionException e, UriInfo uri) {
        return ProblemResponses.of(new Problem(OrderProblemTypes.TRANSITION_NOT_ALLOWED, e.getMessage(), instance(uri),
                null)
                .with("currentStatus", e.current())
                .with("action", e.action().verb()));
    }

    @ServerExceptionMapper
    public Response reused(IdempotencyKeyReusedException e, UriInfo uri) {
        return ProblemResponses.of(OrderProblemTypes.IDEMPOTENCY_KEY_REUSED, e.getMessage(), uri);
    }
}
