package io.orderplatform.order.service;

import io.orderplatform.order.domain.Order;

/**
 * The outcome of placing an order.
 *
 * @param replayed true when an earlier request with the same Idempotency-Key created the order, and this one
 *        created nothing
 */
public record PlacedOrder(Order order, boolean replayed) {
}
