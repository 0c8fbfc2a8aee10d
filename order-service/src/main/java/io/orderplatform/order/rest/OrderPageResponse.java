package io.orderplatform.order.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of GET /orders. */
@Schema(description = "One page of orders, newest first")
public record OrderPageResponse(
        List<OrderResponse> items,
        @Schema(description = "Pass as cursor for the next page; null on the last page") String nextCursor) {
}
