package io.orderplatform.metrics.domain;

import java.math.BigDecimal;

/** Units, revenue and number of orders of a product: a total, or a change to one. */
public record SalesFigures(long units, BigDecimal revenue, long orders) {

    public static final SalesFigures NONE = new SalesFigures(0, BigDecimal.ZERO, 0);

    public SalesFigures plus(SalesFigures other) {
        return new SalesFigures(units + other.units, revenue.add(other.revenue), orders + other.orders);
    }

    public SalesFigures negate() {
        return new SalesFigures(-units, revenue.negate(), -orders);
    }

    public boolean isZero() {
        return units == 0 && revenue.signum() == 0 && orders == 0;
    }
}
