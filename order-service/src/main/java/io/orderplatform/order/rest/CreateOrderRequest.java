package io.orderplatform.order.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /orders. */
@Schema(description = "An order to place")
public record CreateOrderRequest(
        @Schema(description = "Who orders", minLength = 1, maxLength = 64, examples = "customer-42")
        @NotBlank @Size(max = 64) String customerId,

        @Schema(description = "What is ordered: 1 to 100 lines", minItems = 1, maxItems = 100)
        @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid OrderLineRequest> items) {
}
