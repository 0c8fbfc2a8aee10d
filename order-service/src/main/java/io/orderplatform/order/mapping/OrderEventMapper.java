package io.orderplatform.order.mapping;

import java.time.Instant;

import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.OrderLine;
import io.orderplatform.contract.OrderSnapshot;
import io.orderplatform.order.domain.Order;
import io.orderplatform.contract.TimeOrderedIds;

/** Maps an order, right after a state change, to the contract's event envelope. */
public final class OrderEventMapper {

    private OrderEventMapper() {
    }

    /**
     * The event announcing the order's latest state change: a new event id, the order's current sequence and
     * the whole order as payload, so consumers never need an earlier event.
     */
    public static OrderEvent toEvent(Order order, EventType type, Instant occurredAt) {
        return new OrderEvent(TimeOrderedIds.next(), type, order.id(), occurredAt, order.lastSequence(),
                OrderEvent.CURRENT_VERSION, toSnapshot(order));
    }

    public static OrderSnapshot toSnapshot(Order order) {
        return new OrderSnapshot(order.customerId(), order.status(),
                order.lines().stream()
                        .map(line -> new OrderLine(line.productId(), line.quantity(), line.unitPrice()))
                        .toList(),
                order.totalAmount(), order.refunded());
    }
}
