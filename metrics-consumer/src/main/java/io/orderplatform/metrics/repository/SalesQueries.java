package io.orderplatform.metrics.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderplatform.contract.OrderStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The read side of the sales metrics, for the REST API. Call within a session ({@code Panache.withSession}). */
@ApplicationScoped
public class SalesQueries {

    /** What the ranking is ordered by. */
    public enum RankBy {
        UNITS("units DESC, revenue DESC"),
        REVENUE("revenue DESC, units DESC");

        private final String orderBy;

        RankBy(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    public record ProductTotal(String productId, long units, BigDecimal revenue, long orders) {
    }

    public record DayTotal(LocalDate day, long units, BigDecimal revenue, long orders) {
    }

    public record StatusCount(OrderStatus status, long orders, long refunded, BigDecimal refundedAmount) {
    }

    /** The best-selling products that have net sales. */
    public Uni<List<ProductTotal>> top(RankBy by, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT product_id, units, revenue, orders FROM product_sales WHERE orders > 0 ORDER BY "
                                + by.orderBy + ", product_id LIMIT ?1", Object[].class)
                .setParameter(1, limit).getResultList())
                .map(rows -> rows.stream().map(SalesQueries::productTotal).toList());
    }

    public Uni<Optional<ProductTotal>> product(String productId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT product_id, units, revenue, orders FROM product_sales WHERE product_id = ?1",
                        Object[].class)
                .setParameter(1, productId).getResultList())
                .map(rows -> rows.stream().findFirst().map(SalesQueries::productTotal));
    }

    public Uni<List<DayTotal>> productDays(String productId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT DATE_FORMAT(sales_day, '%Y-%m-%d'), units, revenue, orders FROM product_daily_sales "
                                + "WHERE product_id = ?1 AND orders <> 0 ORDER BY sales_day", Object[].class)
                .setParameter(1, productId).getResultList())
                .map(rows -> rows.stream().map(SalesQueries::dayTotal).toList());
    }

    /** Net sales per day of payment, newest first. */
    public Uni<List<DayTotal>> days(int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT DATE_FORMAT(sales_day, '%Y-%m-%d'), CAST(SUM(units) AS SIGNED), SUM(revenue), "
                                + "CAST(SUM(orders) AS SIGNED) FROM product_daily_sales GROUP BY sales_day "
                                + "ORDER BY sales_day DESC LIMIT ?1", Object[].class)
                .setParameter(1, limit).getResultList())
                .map(rows -> rows.stream().map(SalesQueries::dayTotal).toList());
    }

    /** Orders by current status, with how many of them (and how much) were refunded. */
    public Uni<Map<OrderStatus, StatusCount>> ordersByStatus() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT status, COUNT(*), CAST(SUM(refunded) AS SIGNED), "
                                + "COALESCE(SUM(CASE WHEN refunded THEN total_amount END), 0) "
                                + "FROM metrics_order GROUP BY status", Object[].class)
                .getResultList())
                .map(rows -> {
                    Map<OrderStatus, StatusCount> counts = new EnumMap<>(OrderStatus.class);
                    for (OrderStatus status : OrderStatus.values()) {
                        counts.put(status, new StatusCount(status, 0, 0, BigDecimal.ZERO));
                    }
                    for (Object[] row : rows) {
                        OrderStatus status = OrderStatus.valueOf((String) row[0]);
                        counts.put(status, new StatusCount(status, ((Number) row[1]).longValue(),
                                ((Number) row[2]).longValue(), (BigDecimal) row[3]));
                    }
                    return counts;
                });
    }

    /** Net units and revenue over all products. */
    public Uni<ProductTotal> totals() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT 'all', CAST(COALESCE(SUM(units), 0) AS SIGNED), COALESCE(SUM(revenue), 0), "
                                + "CAST(COALESCE(SUM(orders), 0) AS SIGNED) FROM product_sales", Object[].class)
                .getSingleResult())
                .map(SalesQueries::productTotal);
    }

    private static ProductTotal productTotal(Object[] row) {
        return new ProductTotal((String) row[0], ((Number) row[1]).longValue(), (BigDecimal) row[2],
                ((Number) row[3]).longValue());
    }

    private static DayTotal dayTotal(Object[] row) {
        return new DayTotal(LocalDate.parse((String) row[0]), ((Number) row[1]).longValue(), (BigDecimal) row[2],
                ((Number) row[3]).longValue());
    }
}
