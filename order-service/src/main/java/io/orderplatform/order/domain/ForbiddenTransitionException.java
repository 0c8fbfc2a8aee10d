package io.orderplatform.order.domain;

import io.orderplatform.contract.OrderStatus;

/** An action the state machine does not allow in the order's current status (HTTP 409). */
public class ForbiddenTransitionException extends RuntimeException {

    private final OrderStatus current;
    private final OrderAction action;

    public ForbiddenTransitionException(OrderStatus current, OrderAction action) {
        super("Cannot " + action.verb() + " an order that is " + current);
        this.current = current;
        this.action = action;
    }

    public OrderStatus current() {
        return current;
    }

    public OrderAction action() {
        return action;
    }
}
