package io.orderplatform.order.domain;

import static io.orderplatform.contract.OrderStatus.CANCELLED;
import static io.orderplatform.contract.OrderStatus.CREATED;
import static io.orderplatform.contract.OrderStatus.PAID;

import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderStatus;

/**
 * The order state machine: every allowed transition is one constant; anything else is forbidden.
 *
 * <pre>
 * CREATED --pay-----> PAID
 * CREATED --cancel--> CANCELLED
 * PAID    --cancel--> CANCELLED (refunded)
 * </pre>
 *
 * CANCELLED is final, and PAID cannot be paid again.
 */
public enum OrderTransition {
    PAY_CREATED(CREATED, OrderAction.PAY, PAID, EventType.ORDER_PAID, false),
    CANCEL_CREATED(CREATED, OrderAction.CANCEL, CANCELLED, EventType.ORDER_CANCELLED, false),
    // The customer already paid: cancelling now means giving the money back.
    CANCEL_PAID(PAID, OrderAction.CANCEL, CANCELLED, EventType.ORDER_CANCELLED, true);

    private final OrderStatus from;
    private final OrderAction action;
    private final OrderStatus to;
    private final EventType eventType;
    private final boolean refunds;

    OrderTransition(OrderStatus from, OrderAction action, OrderStatus to, EventType eventType, boolean refunds) {
        this.from = from;
        this.action = action;
        this.to = to;
        this.eventType = eventType;
        this.refunds = refunds;
    }

    /**
     * The transition {@code action} causes from {@code current}.
     *
     * @throws ForbiddenTransitionException when the state machine does not allow it
     */
    public static OrderTransition of(OrderStatus current, OrderAction action) {
        for (OrderTransition transition : values()) {
            if (transition.from == current && transition.action == action) {
                return transition;
            }
        }
        throw new ForbiddenTransitionException(current, action);
    }

    public OrderStatus from() {
        return from;
    }

    public OrderAction action() {
        return action;
    }

    public OrderStatus to() {
        return to;
    }

    /** The event that announces this transition. */
    public EventType eventType() {
        return eventType;
    }

    /** Whether the order's payment is refunded by this transition. */
    public boolean refunds() {
        return refunds;
    }
}
