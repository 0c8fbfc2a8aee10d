package io.orderplatform.order.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.OrderLine;
import io.orderplatform.contract.OrderStatus;
import io.orderplatform.order.domain.Order;
import io.orderplatform.order.domain.OrderAction;
import io.orderplatform.order.domain.OrderLineItem;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.tracing.RequestTraceContext;

class OrderEventMapperTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00.123456Z");

    @Test
    void everyEventOfAnOrdersLifeMeetsTheContract() {
        Order order = order();
        OrderEvent created = OrderEventMapper.toEvent(order, EventType.ORDER_CREATED, NOW);
        order.apply(OrderAction.PAY, NOW.plusSeconds(1));
        OrderEvent paid = OrderEventMapper.toEvent(order, EventType.ORDER_PAID, NOW.plusSeconds(1));
        order.apply(OrderAction.CANCEL, NOW.plusSeconds(2));
        OrderEvent cancelled = OrderEventMapper.toEvent(order, EventType.ORDER_CANCELLED, NOW.plusSeconds(2));

        for (OrderEvent event : List.of(created, paid, cancelled)) {
            assertThat(EventContract.violations(EventContract.readTree(EventContract.toJson(event))))
                    .as("%s", event.eventType()).isEmpty();
        }
        assertThat(List.of(created, paid, cancelled)).extracting(OrderEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(cancelled.payload().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.payload().refunded()).isTrue();
    }

    @Test
    void thePayloadIsTheWholeOrder() {
        Order order = order();

        OrderEvent event = OrderEventMapper.toEvent(order, EventType.ORDER_CREATED, NOW);

        assertThat(event.orderId()).isEqualTo(order.id());
        assertThat(event.occurredAt()).isEqualTo(NOW);
        assertThat(event.version()).isEqualTo(OrderEvent.CURRENT_VERSION);
        assertThat(event.payload().customerId()).isEqualTo("customer-1");
        assertThat(event.payload().items()).containsExactly(new OrderLine("sku-1", 2, new BigDecimal("19.99")),
                new OrderLine("sku-2", 1, new BigDecimal("5.00")));
        assertThat(event.payload().totalAmount()).isEqualTo(new BigDecimal("44.98"));
    }

    @Test
    void eachEventHasItsOwnId() {
        Order order = order();

        assertThat(OrderEventMapper.toEvent(order, EventType.ORDER_CREATED, NOW).eventId())
                .isNotEqualTo(OrderEventMapper.toEvent(order, EventType.ORDER_CREATED, NOW).eventId());
    }

    @Test
    void theOutboxRowKeepsTheWireFormAndItsKeys() {
        OrderEvent event = OrderEventMapper.toEvent(order(), EventType.ORDER_CREATED, NOW);

        OutboxEvent row = OutboxEvent.of(event, RequestTraceContext.NONE);

        assertThat(row.payload()).isEqualTo(EventContract.toJson(event));
        assertThat(EventContract.parse(row.payload())).isEqualTo(EventContract.parse(EventContract.toJson(event)));
        assertThat(row.eventId()).isEqualTo(event.eventId());
        assertThat(row.orderId()).isEqualTo(event.orderId());
        assertThat(row.eventType()).isEqualTo("OrderCreated");
        assertThat(row.sequence()).isEqualTo(1);
        assertThat(row.createdAt()).isEqualTo(NOW);
        assertThat(row.sentAt()).isNull();
        assertThat(row.attempts()).isZero();
    }

    private static Order order() {
        return Order.place(UUID.randomUUID(), "customer-1", List.of(
                new OrderLineItem("sku-1", 2, new BigDecimal("19.99")),
                new OrderLineItem("sku-2", 1, new BigDecimal("5.00"))), NOW);
    }
}
