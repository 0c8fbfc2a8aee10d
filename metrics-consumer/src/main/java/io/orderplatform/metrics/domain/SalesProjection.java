package io.orderplatform.metrics.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderplatform.contract.OrderEvent;

/**
 * Folds order events into order states and the change they make to the sales figures.
 * <p>
 * The rule that makes the figures right whatever order events arrive in: every event carries the whole order,
 * so an order's state is simply that of its event with the highest {@code sequence}; an event with a sequence
 * not above the one already applied changes nothing. The figures change by what the order's new state
 * contributes minus what its old state contributed. So an OrderPaid arriving before its OrderCreated counts the
 * sale at once (the late OrderCreated is then ignored), and an OrderCancelled arriving before its OrderPaid
 * leaves the order unsold (the late OrderPaid is ignored).
 */
public final class SalesProjection {

    /** The states that changed, and the sales change. */
    public record Result(Map<UUID, OrderSalesState> changedStates, SalesDelta delta) {
    }

    private SalesProjection() {
    }

    /**
     * @param current the states already applied, for the orders of {@code events}
     * @param events new events, in the order they were read
     */
    public static Result project(Map<UUID, OrderSalesState> current, List<OrderEvent> events) {
        Map<UUID, OrderSalesState> latest = new LinkedHashMap<>();
        for (OrderEvent event : events) {
            OrderSalesState before = latest.containsKey(event.orderId()) ? latest.get(event.orderId())
                    : current.get(event.orderId());
            if (before == null || event.sequence() > before.sequence()) {
                latest.put(event.orderId(), OrderSalesState.after(event, before));
            }
        }
        SalesDelta delta = new SalesDelta();
        latest.forEach((orderId, after) -> {
            delta.add(current.get(orderId), -1);
            delta.add(after, 1);
        });
        return new Result(latest, delta);
    }
}
