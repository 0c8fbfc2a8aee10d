package io.orderplatform.order.service;

import java.util.List;

import io.orderplatform.order.domain.OrderLineItem;

/** A validated order to place: who orders what. */
public record NewOrder(String customerId, List<OrderLineItem> lines) {

    public NewOrder {
        lines = List.copyOf(lines);
    }
}
