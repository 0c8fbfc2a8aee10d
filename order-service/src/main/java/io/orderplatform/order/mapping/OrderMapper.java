package io.orderplatform.order.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.orderplatform.order.domain.Order;
import io.orderplatform.order.domain.OrderLineItem;
import io.orderplatform.order.rest.CreateOrderRequest;
import io.orderplatform.order.rest.OrderPageResponse;
import io.orderplatform.order.rest.OrderResponse;
import io.orderplatform.order.rest.OrderResponse.OrderLineResponse;
import io.orderplatform.order.service.NewOrder;
import io.orderplatform.problem.KeysetPage;

/** Maps between the API's JSON shapes and the domain. */
public final class OrderMapper {

    private OrderMapper() {
    }

    /** A validated request as a new order; prices get the scale the database stores (2 decimals). */
    public static NewOrder toNewOrder(CreateOrderRequest request) {
        return new NewOrder(request.customerId(), request.items().stream()
                .map(item -> new OrderLineItem(item.productId(), item.quantity(), money(item.unitPrice())))
                .toList());
    }

    public static OrderResponse toResponse(Order order) {
        return new OrderResponse(order.id(), order.customerId(), order.status(),
                order.lines().stream()
                        .map(line -> new OrderLineResponse(line.productId(), line.quantity(), line.unitPrice()))
                        .toList(),
                order.totalAmount(), order.refunded(), order.createdAt(), order.updatedAt());
    }

    public static OrderPageResponse toResponse(KeysetPage<Order> page) {
        return new OrderPageResponse(page.items().stream().map(OrderMapper::toResponse).toList(), page.nextCursor());
    }

    /** Validation allows at most 2 decimals, so this never rounds. */
    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
