package io.orderplatform.order.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of GET /orders. */
@Schema(description = "One page of orders, newest first")
public record OrderPageResponse(
        List<OrderResponse> items,
        @Schema(description = "Page number, from 0") int page,
        @Schema(description = "Page size") int size,
        @Schema(description = "Orders matching the filter, on all pages") long total) {
}
