package io.orderplatform.order.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.orderplatform.contract.OrderStatus;

/** An order as the API shows it. */
@Schema(description = "An order")
public record OrderResponse(
        UUID id,
        String customerId,
        OrderStatus status,
        List<OrderLineResponse> items,
        @Schema(description = "Sum of quantity x unitPrice over all items") BigDecimal totalAmount,
        @Schema(description = "True when a paid order was cancelled and its payment refunded") boolean refunded,
        Instant createdAt,
        Instant updatedAt) {

    @Schema(description = "One line of an order")
    public record OrderLineResponse(String productId, int quantity, BigDecimal unitPrice) {
    }
}
