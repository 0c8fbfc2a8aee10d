package io.orderplatform.metrics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.OrderLine;
import io.orderplatform.contract.OrderStatus;

/**
 * What the metrics know of one order: its latest state (the one with the highest sequence seen) and, once it was
 * paid, the UTC day of payment, which is the day its sale counts on.
 */
public record OrderSalesState(UUID orderId, String customerId, OrderStatus status, long sequence,
        List<OrderLine> items, BigDecimal totalAmount, boolean refunded, LocalDate paidDay) {

    /** The state an event describes; the day of payment is kept from the previous state once known. */
    public static OrderSalesState after(OrderEvent event, OrderSalesState previous) {
        LocalDate paidDay = event.payload().status() == OrderStatus.PAID
                ? LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC)
                : previous == null ? null : previous.paidDay();
        return new OrderSalesState(event.orderId(), event.payload().customerId(), event.payload().status(),
                event.sequence(), event.payload().items(), event.payload().totalAmount(), event.payload().refunded(),
                paidDay);
    }

    /** A sale is a paid order: created ones are not sold yet, cancelled ones (refunded or not) are not sold. */
    public boolean countsAsSale() {
        return status == OrderStatus.PAID;
    }
}
