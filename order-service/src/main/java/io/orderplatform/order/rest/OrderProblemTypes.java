package io.orderplatform.order.rest;

import io.orderplatform.problem.ProblemType;

/**
 * The problem types of the orders API beyond the generic ones of {@link ProblemType} (invalid-request,
 * malformed-json, internal-error, ...): the outcomes of its domain rules.
 */
public final class OrderProblemTypes {

    public static final ProblemType ORDER_NOT_FOUND = ProblemType.of("order-not-found", "Order not found", 404);
    public static final ProblemType TRANSITION_NOT_ALLOWED =
            ProblemType.of("transition-not-allowed", "Transition not allowed", 409);
    public static final ProblemType IDEMPOTENCY_KEY_REUSED =
            ProblemType.of("idempotency-key-reused", "Idempotency key reused", 422);

    private OrderProblemTypes() {
    }
}
