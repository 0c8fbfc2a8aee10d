package io.orderplatform.metrics.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.orderplatform.contract.Roles;
import io.orderplatform.contract.OrderStatus;
import io.orderplatform.database.RequestDatabaseWork;
import io.orderplatform.metrics.repository.SalesQueries;
import io.orderplatform.metrics.repository.SalesQueries.DayTotal;
import io.orderplatform.metrics.repository.SalesQueries.ProductTotal;
import io.orderplatform.metrics.repository.SalesQueries.RankBy;
import io.orderplatform.metrics.repository.SalesQueries.StatusCount;
import io.orderplatform.problem.ProblemException;
import io.orderplatform.problem.QueryParameters;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Sales metrics and the product ranking, as computed from the order events. */
@Path("/metrics")
// Every call needs a bearer token with this role (401/403 problems: infra/problem-details SecurityProblems).
@RolesAllowed(Roles.METRICS_READ)
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    static final int MAX_LIMIT = 100;

    /** A product's net sales, and (for a single product) per day of payment. */
    public record ProductMetrics(String productId, long units, BigDecimal revenue, long orders, List<DayTotal> days) {
    }

    /** Totals over all orders. */
    public record Summary(Map<OrderStatus, Long> ordersByStatus, long totalOrders, long unitsSold,
            BigDecimal revenue, long refundedOrders, BigDecimal refundedAmount, List<DayTotal> recentDays) {
    }

    private final SalesQueries queries;
    private final RequestDatabaseWork database;

    public MetricsResource(SalesQueries queries, RequestDatabaseWork database) {
        this.queries = queries;
        this.database = database;
    }

    @GET
    @Path("/products/top")
    @Operation(summary = "Best-selling products by net units or revenue (paid orders, refunds taken out)")
    public Uni<List<ProductTotal>> top(
            @Parameter(description = "units (default) or revenue") @QueryParam("by") String by,
            @Parameter(description = "1 to 100, default 10") @QueryParam("limit") String limit) {
        RankBy rankBy = parseRankBy(by);
        int max = parseLimit(limit);
        return database.run(() -> Panache.withSession(() -> queries.top(rankBy, max)));
    }

    @GET
    @Path("/products/{productId}")
    @Operation(summary = "A product's net sales, overall and per UTC day of payment")
    public Uni<ProductMetrics> product(@PathParam("productId") String productId) {
        return database.run(() -> Panache.withSession(() -> queries.product(productId).chain(total -> {
            if (total.isEmpty()) {
                throw ProblemException.notFound("No sales recorded for product " + productId);
            }
            ProductTotal t = total.get();
            return queries.productDays(productId)
                    .map(days -> new ProductMetrics(t.productId(), t.units(), t.revenue(), t.orders(), days));
        })));
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Orders by status, net sales, refunds, and the last 30 days of sales")
    public Uni<Summary> summary() {
        return database.run(() -> Panache.withSession(() -> queries.ordersByStatus()
                .chain(byStatus -> queries.totals().chain(totals -> queries.days(30)
                .map(days -> {
                    Map<OrderStatus, Long> counts = new java.util.EnumMap<>(OrderStatus.class);
                    byStatus.forEach((status, count) -> counts.put(status, count.orders()));
                    long all = counts.values().stream().mapToLong(Long::longValue).sum();
                    StatusCount cancelled = byStatus.get(OrderStatus.CANCELLED);
                    return new Summary(counts, all, totals.units(), totals.revenue(), cancelled.refunded(),
                            cancelled.refundedAmount(), days);
                })))));
    }

    static RankBy parseRankBy(String by) {
        if (by == null || by.isBlank()) {
            return RankBy.UNITS;
        }
        try {
            return RankBy.valueOf(by.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("by", "must be 'units' or 'revenue', was '" + by + "'");
        }
    }

    static int parseLimit(String limit) {
        return QueryParameters.wholeNumber("limit", limit, 10, 1, MAX_LIMIT);
    }
}
