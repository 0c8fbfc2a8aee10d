package io.orderplatform.order.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.orderplatform.contract.OrderStatus;
import io.orderplatform.order.domain.Order;
import io.orderplatform.problem.PageCursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Orders with their lines. Every method returns orders whose lines are loaded. */
@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    private static final String LOCK_ORDER = "SELECT * FROM orders WHERE id = :id FOR UPDATE";

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");
    /** What comes after the cursor's order, newest first. */
    private static final String AFTER_CURSOR = "(createdAt < :cursorAt or (createdAt = :cursorAt and id < :cursorId))";

    /** The order, or null. (No firstResult(): with a collection fetch Hibernate would apply the limit in memory.) */
    public Uni<Order> findWithLines(UUID id) {
        return list("from Order o left join fetch o.lines where o.id = ?1", id)
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /**
     * The order locked {@code FOR UPDATE} until the transaction ends, or null: concurrent state changes of one
     * order run one after the other, and each reads the status and sequence the previous one committed (a
     * locking read sees the latest committed row, not the transaction's snapshot).
     * <p>
     * Native SQL on purpose: for {@code LockModeType.PESSIMISTIC_WRITE} Hibernate's MySQL dialect writes
     * {@code FOR UPDATE OF <alias>}, which MySQL 8 accepts and MariaDB rejects; plain {@code FOR UPDATE} works on both.
     */
    public Uni<Order> findForUpdate(UUID id) {
        return getSession()
                .flatMap(session -> session.createNativeQuery(LOCK_ORDER, Order.class)
                        .setParameter("id", id.toString())
                        .getSingleResultOrNull())
                .call(order -> order == null ? Uni.createFrom().nullItem() : Mutiny.fetch(order.lines()));
    }

    /**
     * Orders that match, newest first, strictly after the cursor {@code (createdAt, id)} (from the newest when null),
     * at most {@code rows}. Each filter has an index in this order (V2__orders_keyset_paging.sql), read from the
     * cursor on: a page costs its own rows wherever it lies in the list.
     */
    public Uni<List<Order>> newestFirst(OrderFilter filter, PageCursor<UUID> after, int rows) {
        String where = filter.where();
        Map<String, Object> parameters = filter.parameters();
        if (after != null) {
            where += " and " + AFTER_CURSOR;
            parameters.put("cursorAt", after.at());
            parameters.put("cursorId", after.id());
        }
        return find(where, NEWEST_FIRST, parameters)
                .page(0, rows)
                .list()
                .flatMap(this::withLines);
    }

    /** Loads the lines of a page of orders in one query instead of one per order, keeping the page's order. */
    private Uni<List<Order>> withLines(List<Order> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(orders);
        }
        List<UUID> ids = orders.stream().map(Order::id).toList();
        return list("select distinct o from Order o left join fetch o.lines where o.id in ?1", ids)
                .map(loaded -> {
                    Map<UUID, Order> byId = loaded.stream().collect(Collectors.toMap(Order::id, Function.identity()));
                    return ids.stream().map(byId::get).toList();
                });
    }

    /** Optional filters of the order list; null means "any". */
    public record OrderFilter(String customerId, OrderStatus status) {

        String where() {
            StringBuilder where = new StringBuilder("1 = 1");
            if (customerId != null) {
                where.append(" and customerId = :customerId");
            }
            if (status != null) {
                where.append(" and status = :status");
            }
            return where.toString();
        }

        Map<String, Object> parameters() {
            Map<String, Object> parameters = new HashMap<>();
            if (customerId != null) {
                parameters.put("customerId", customerId);
            }
            if (status != null) {
                parameters.put("status", status);
            }
            return parameters;
        }
    }
}
