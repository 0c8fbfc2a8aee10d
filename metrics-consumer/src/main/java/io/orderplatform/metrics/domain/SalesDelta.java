package io.orderplatform.metrics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import io.orderplatform.contract.OrderLine;

/**
 * The net change a set of events makes to the product figures, overall and per day of payment. Kept in sorted
 * maps so that the upserts touch rows in one order and concurrent consumers cannot deadlock on them.
 */
public final class SalesDelta {

    /** A product on a day. */
    public record ProductDay(String productId, LocalDate day) implements Comparable<ProductDay> {
        @Override
        public int compareTo(ProductDay other) {
            int byProduct = productId.compareTo(other.productId);
            return byProduct != 0 ? byProduct : day.compareTo(other.day);
        }
    }

    private final Map<String, SalesFigures> byProduct = new TreeMap<>();
    private final Map<ProductDay, SalesFigures> byProductDay = new TreeMap<>();

    /** Adds (sign 1) or takes back (sign -1) what an order state contributes to sales. */
    public void add(OrderSalesState state, int sign) {
        if (state == null || !state.countsAsSale()) {
            return;
        }
        Map<String, SalesFigures> perProduct = new TreeMap<>();
        for (OrderLine line : state.items()) {
            SalesFigures figures = new SalesFigures(line.quantity(), line.lineTotal(), 0);
            perProduct.merge(line.productId(), figures, SalesFigures::plus);
        }
        perProduct.forEach((productId, figures) -> {
            // An order counts once per product, however many lines name that product.
            SalesFigures withOrder = new SalesFigures(figures.units(), figures.revenue(), 1);
            SalesFigures signed = sign < 0 ? withOrder.negate() : withOrder;
            byProduct.merge(productId, signed, SalesFigures::plus);
            byProductDay.merge(new ProductDay(productId, state.paidDay()), signed, SalesFigures::plus);
        });
    }

    /** Changes per product, zero changes left out. */
    public Map<String, SalesFigures> byProduct() {
        return withoutZeros(byProduct);
    }

    /** Changes per product and day, zero changes left out. */
    public Map<ProductDay, SalesFigures> byProductDay() {
        return withoutZeros(byProductDay);
    }

    public boolean isEmpty() {
        return byProduct().isEmpty() && byProductDay().isEmpty();
    }

    public BigDecimal revenue() {
        return byProduct.values().stream().map(SalesFigures::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static <K> Map<K, SalesFigures> withoutZeros(Map<K, SalesFigures> figures) {
        Map<K, SalesFigures> nonZero = new TreeMap<>();
        figures.forEach((key, value) -> {
            if (!value.isZero()) {
                nonZero.put(key, value);
            }
        });
        return nonZero;
    }
}
