package io.orderplatform.order.rest;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of POST /orders. Boxed types: a missing field is reported as such, not read as 0. */
@Schema(description = "One line of an order")
public record OrderLineRequest(
        @Schema(minLength = 1, maxLength = 64, examples = "sku-123")
        @NotBlank @Size(max = 64) String productId,

        @Schema(minimum = "1", maximum = "10000", examples = "2")
        @NotNull @Min(1) @Max(10_000) Integer quantity,

        @Schema(description = "Price of one unit: more than 0, at most 1,000,000, at most 2 decimals",
                minimum = "0", exclusiveMinimum = true, maximum = "1000000", examples = "19.99")
        @NotNull
        @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
        @DecimalMax("1000000")
        @Digits(integer = 7, fraction = 2)
        BigDecimal unitPrice) {
}
