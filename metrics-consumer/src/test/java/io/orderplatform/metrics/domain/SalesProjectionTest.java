package io.orderplatform.metrics.domain;

import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.OrderStatus;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;

class SalesProjectionTest {

    private final OrderHistory order = order("c-1", line("apple", 2, "1.50"), line("pear", 1, "4.00"),
            line("apple", 1, "1.50"));

    @Test
    void aCreatedOrderIsNotASale() {
        SalesProjection.Result result = SalesProjection.project(Map.of(), List.of(order.created()));

        assertThat(result.changedStates().get(order.orderId()).status()).isEqualTo(OrderStatus.CREATED);
        assertThat(result.delta().isEmpty()).isTrue();
    }

    @Test
    void aPaidOrderCountsEachProductOnceWithItsUnitsAndRevenue() {
        SalesProjection.Result result = SalesProjection.project(Map.of(), List.of(order.created(), order.paid()));

        assertThat(result.delta().byProduct()).containsOnly(
                Map.entry("apple", new SalesFigures(3, new BigDecimal("4.50"), 1)),
                Map.entry("pear", new SalesFigures(1, new BigDecimal("4.00"), 1)));
    }

    @Test
    void cancellingAPaidOrderTakesItsSaleBackOnTheDayItWasPaid() {
        Instant paidAt = Instant.parse("2026-11-20T23:59:00Z");
        OrderEvent paid = order.event(EventType.ORDER_PAID, 2, OrderStatus.PAID, false, paidAt);
        Map<UUID, OrderSalesState> afterPayment = new HashMap<>(
                SalesProjection.project(Map.of(), List.of(order.created(), paid)).changedStates());

        OrderEvent cancelled = order.event(EventType.ORDER_CANCELLED, 3, OrderStatus.CANCELLED, true,
                Instant.parse("2026-11-22T10:00:00Z"));
        SalesProjection.Result result = SalesProjection.project(afterPayment, List.of(cancelled));

        assertThat(result.delta().byProduct().get("apple")).isEqualTo(new SalesFigures(-3, new BigDecimal("-4.50"), -1));
        assertThat(result.delta().byProductDay().keySet())
                .allSatisfy(key -> assertThat(key.day()).isEqualTo(LocalDate.parse("2026-11-20")));
    }

    @Test
    void aPaymentArrivingBeforeTheCreationCountsOnceAndTheLateCreationChangesNothing() {
        SalesProjection.Result paidFirst = SalesProjection.project(Map.of(), List.of(order.paid()));
        SalesProjection.Result lateCreated = SalesProjection.project(paidFirst.changedStates(), List.of(order.created()));

        assertThat(paidFirst.delta().byProduct().get("apple").units()).isEqualTo(3);
        assertThat(lateCreated.changedStates()).isEmpty();
        assertThat(lateCreated.delta().isEmpty()).isTrue();
    }

    @Test
    void aCancellationArrivingBeforeThePaymentLeavesTheOrderUnsold() {
        List<OrderEvent> outOfOrder = List.of(order.created(), order.cancelled(3, true), order.paid());

        SalesProjection.Result result = SalesProjection.project(Map.of(), outOfOrder);

        assertThat(result.changedStates().get(order.orderId()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(result.delta().isEmpty()).isTrue();
    }

    @Test
    void aRepeatedSequenceIsIgnored() {
        Map<UUID, OrderSalesState> paid = SalesProjection.project(Map.of(), List.of(order.created(), order.paid()))
                .changedStates();

        SalesProjection.Result again = SalesProjection.project(paid, List.of(order.paid(), order.created()));

        assertThat(again.changedStates()).isEmpty();
        assertThat(again.delta().isEmpty()).isTrue();
    }
}
