package io.orderplatform.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderStatus;

class OrderTransitionTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
            "CREATED, PAY,    PAID,      ORDER_PAID,      false",
            "CREATED, CANCEL, CANCELLED, ORDER_CANCELLED, false",
            "PAID,    CANCEL, CANCELLED, ORDER_CANCELLED, true",
    })
    void allowedTransitions(OrderStatus from, OrderAction action, OrderStatus to, EventType event, boolean refunds) {
        OrderTransition transition = OrderTransition.of(from, action);

        assertThat(transition.to()).isEqualTo(to);
        assertThat(transition.eventType()).isEqualTo(event);
        assertThat(transition.refunds()).isEqualTo(refunds);
    }

    @ParameterizedTest(name = "{0} --{1}--> forbidden")
    @CsvSource({
            "PAID,      PAY,    Cannot pay an order that is PAID",
            "CANCELLED, PAY,    Cannot pay an order that is CANCELLED",
            "CANCELLED, CANCEL, Cannot cancel an order that is CANCELLED",
    })
    void forbiddenTransitions(OrderStatus from, OrderAction action, String message) {
        assertThatThrownBy(() -> OrderTransition.of(from, action))
                .isInstanceOfSatisfying(ForbiddenTransitionException.class, e -> {
                    assertThat(e.current()).isEqualTo(from);
                    assertThat(e.action()).isEqualTo(action);
                })
                .hasMessage(message);
    }

    @Test
    void everyStatusAndActionIsDecided() {
        // 3 statuses x 2 actions: 3 allowed above, 3 forbidden above; nothing is left undecided.
        int allowed = 0;
        for (OrderStatus status : OrderStatus.values()) {
            for (OrderAction action : OrderAction.values()) {
                try {
                    OrderTransition.of(status, action);
                    allowed++;
                } catch (ForbiddenTransitionException e) {
                    // decided: forbidden
                }
            }
        }
        assertThat(allowed).isEqualTo(OrderTransition.values().length).isEqualTo(3);
    }

    @Test
    void aNewOrderIsCreatedWithSequence1AndItsTotal() {
        Order order = order();

        assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
        assertThat(order.lastSequence()).isEqualTo(1);
        assertThat(order.totalAmount()).isEqualTo(new BigDecimal("44.98"));
        assertThat(order.refunded()).isFalse();
        assertThat(order.createdAt()).isEqualTo(order.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void applyingActionsMovesTheStatusAndTakesTheNextSequence() {
        Order order = order();
        Instant later = NOW.plusSeconds(5);

        assertThat(order.apply(OrderAction.PAY, later)).isEqualTo(OrderTransition.PAY_CREATED);
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.lastSequence()).isEqualTo(2);
        assertThat(order.updatedAt()).isEqualTo(later);
        assertThat(order.refunded()).isFalse();

        assertThat(order.apply(OrderAction.CANCEL, later)).isEqualTo(OrderTransition.CANCEL_PAID);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.lastSequence()).isEqualTo(3);
        assertThat(order.refunded()).isTrue();
    }

    @Test
    void aForbiddenActionChangesNothing() {
        Order order = order();
        order.apply(OrderAction.CANCEL, NOW);

        assertThatThrownBy(() -> order.apply(OrderAction.PAY, NOW.plusSeconds(1)))
                .isInstanceOf(ForbiddenTransitionException.class);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.lastSequence()).isEqualTo(2);
        assertThat(order.updatedAt()).isEqualTo(NOW);
        assertThat(order.refunded()).isFalse();
    }

    private static Order order() {
        return Order.place(UUID.randomUUID(), "customer-1", List.of(
                new OrderLineItem("sku-1", 2, new BigDecimal("19.99")),
                new OrderLineItem("sku-2", 1, new BigDecimal("5.00"))), NOW);
    }
}
