package io.orderplatform.contract;

import java.math.BigDecimal;

/** One line of an order: how many of a product, at which unit price. */
public record OrderLine(String productId, int quantity, BigDecimal unitPrice) {

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
