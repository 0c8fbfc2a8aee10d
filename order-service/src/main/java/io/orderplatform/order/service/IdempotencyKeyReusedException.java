package io.orderplatform.order.service;

import java.util.UUID;

/** An Idempotency-Key sent again with a different request than the one that created its order (HTTP 422). */
public class IdempotencyKeyReusedException extends RuntimeException {

    private final UUID orderId;

    public IdempotencyKeyReusedException(UUID orderId) {
        super("This Idempotency-Key was already used for a different request (it created order " + orderId + ")");
        this.orderId = orderId;
    }

    public UUID orderId() {
        return orderId;
    }
}
