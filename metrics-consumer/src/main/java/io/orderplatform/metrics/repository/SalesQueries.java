package io.orderplatform.metrics.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import io.orderplatform.contract.OrderStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The read side of the sales metrics, for the REST API. Call within a session ({@code Panache.withSession}). Every
 * column is read by its name ({@link #productTotal(Tuple)}, {@link #dayTotal(Tuple)}).
 */
@ApplicationScoped
public class SalesQueries {

    private static final String TOP_BY_UNITS = """
            SELECT product_id, units, revenue, orders
            FROM product_sales
            WHERE orders > 0
            ORDER BY units DESC, revenue DESC, product_id
            LIMIT ?1""";

    private static final String TOP_BY_REVENUE = """
            SELECT product_id, units, revenue, orders
            FROM product_sales
            WHERE orders > 0
            ORDER BY revenue DESC, units DESC, product_id
            LIMIT ?1""";

    private static final String PRODUCT = """
            SELECT product_id, units, revenue, orders
            FROM product_sales
            WHERE product_id = ?1""";

    private static final String PRODUCT_DAYS = """
            SELECT DATE_FORMAT(sales_day, '%Y-%m-%d') AS sales_date, units, revenue, orders
            FROM product_daily_sales
            WHERE product_id = ?1 AND orders <> 0
            ORDER BY sales_day""";

    private static final String DAYS = """
            SELECT DATE_FORMAT(sales_day, '%Y-%m-%d') AS sales_date, CAST(SUM(units) AS SIGNED) AS units,
                SUM(revenue) AS revenue, CAST(SUM(orders) AS SIGNED) AS orders
            FROM product_daily_sales
            GROUP BY sales_day
            ORDER BY sales_day DESC
            LIMIT ?1""";

    private static final String ORDERS_BY_STATUS = """
            SELECT status, COUNT(*) AS orders, CAST(SUM(refunded) AS SIGNED) AS refunded,
                COALESCE(SUM(CASE WHEN refunded THEN total_amount END), 0) AS refunded_amount
            FROM metrics_order
            GROUP BY status""";

    private static final String TOTALS = """
            SELECT 'all' AS product_id, CAST(COALESCE(SUM(units), 0) AS SIGNED) AS units,
                COALESCE(SUM(revenue), 0) AS revenue, CAST(COALESCE(SUM(orders), 0) AS SIGNED) AS orders
            FROM product_sales""";

    /** What the ranking is ordered by. */
    public enum RankBy {
        UNITS(TOP_BY_UNITS),
        REVENUE(TOP_BY_REVENUE);

        private final String query;

        RankBy(String query) {
            this.query = query;
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
        return Panache.getSession().chain(session -> session.createNativeQuery(by.query, Tuple.class)
                        .setParameter(1, limit).getResultList())
                .map(rows -> rows.stream().map(SalesQueries::productTotal).toList());
    }

    public Uni<Optional<ProductTotal>> product(String productId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PRODUCT, Tuple.class)
                        .setParameter(1, productId).getResultList())
                .map(rows -> rows.stream().findFirst().map(SalesQueries::productTotal));
    }

    public Uni<List<DayTotal>> productDays(String productId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PRODUCT_DAYS, Tuple.class)
                        .setParameter(1, productId).getResultList())
                .map(rows -> rows.stream().map(SalesQueries::dayTotal).toList());
    }

    /** Net sales per day of payment, newest first. */
    public Uni<List<DayTotal>> days(int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(DAYS, Tuple.class)
                        .setParameter(1, limit).getResultList())
                .map(rows -> rows.stream().map(SalesQueries::dayTotal).toList());
    }

    /** Orders by current status, with how many of them (and how much) were refunded. */
    public Uni<Map<OrderStatus, StatusCount>> ordersByStatus() {
        return Panache.getSession().chain(session -> session.createNativeQuery(ORDERS_BY_STATUS, Tuple.class)
                        .getResultList())
                .map(rows -> {
                    Map<OrderStatus, StatusCount> counts = new EnumMap<>(OrderStatus.class);
                    for (OrderStatus status : OrderStatus.values()) {
                        counts.put(status, new StatusCount(status, 0, 0, BigDecimal.ZERO));
                    }
                    for (Tuple row : rows) {
                        OrderStatus status = OrderStatus.valueOf(row.get("status", String.class));
                        counts.put(status, new StatusCount(status, row.get("orders", Number.class).longValue(),
                                row.get("refunded", Number.class).longValue(),
                                row.get("refunded_amount", BigDecimal.class)));
                    }
                    return counts;
                });
    }

    /** Net units and revenue over all products. */
    public Uni<ProductTotal> totals() {
        return Panache.getSession().chain(session -> session.createNativeQuery(TOTALS, Tuple.class)
                        .getSingleResult())
                .map(SalesQueries::productTotal);
    }

    private static ProductTotal productTotal(Tuple row) {
        return new ProductTotal(row.get("product_id", String.class), row.get("units", Number.class).longValue(),
                row.get("revenue", BigDecimal.class), row.get("orders", Number.class).longValue());
    }

    private static DayTotal dayTotal(Tuple row) {
        return new DayTotal(LocalDate.parse(row.get("sales_date", String.class)), row.get("units", Number.class).longValue(),
                row.get("revenue", BigDecimal.class), row.get("orders", Number.class).longValue());
    }
}
