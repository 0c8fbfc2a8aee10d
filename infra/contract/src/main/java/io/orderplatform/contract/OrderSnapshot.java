package io.orderplatform.contract;

import java.math.BigDecimal;
import java.util.List;

/** The payload of every order event: the whole order as it is after the state change. */
public record OrderSnapshot(String customerId, OrderStatus status, List<OrderLine> items, BigDecimal totalAmount,
        boolean refunded) {
}
