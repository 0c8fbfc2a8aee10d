package io.orderplatform.order.rest;

import java.util.UUID;

import io.orderplatform.order.service.OrderNotFoundException;

/** Order ids in URLs. */
final class OrderIds {

    private OrderIds() {
    }

    /**
     * The id in {@code /orders/{id}}. A malformed one is answered like an unknown one, 404: no order has that id,
     * and the client needs no other distinction.
     */
    static UUID parse(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            // UUID.fromString accepts short forms such as "1-1-1-1-1"; only the canonical form names an order.
            if (uuid.toString().equalsIgnoreCase(id)) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw new OrderNotFoundException(id);
    }
}
