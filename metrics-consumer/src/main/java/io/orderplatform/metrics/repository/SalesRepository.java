package io.orderplatform.metrics.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderplatform.consumer.NativeSql;
import io.orderplatform.contract.OrderLine;
import io.orderplatform.contract.OrderStatus;
import io.orderplatform.metrics.domain.OrderSalesState;
import io.orderplatform.metrics.domain.SalesDelta;
import io.orderplatform.metrics.domain.SalesFigures;
import io.smallrye.mutiny.Uni;

/**
 * The write side of the sales metrics: four statements per batch of events whatever its size, each reading the
 * batch's rows from one JSON parameter (JSON_TABLE), all in the caller's transaction. Rows are always touched in key order, so two consumers cannot deadlock.
 */
@ApplicationScoped
public class SalesRepository {

    private static final TypeReference<List<OrderLine>> ITEMS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public SalesRepository(ObjectMapper json) {
        this.json = json;
    }

    /** The applied states of these orders, locked until the transaction ends. */
    public Uni<Map<UUID, OrderSalesState>> lockStates(Mutiny.Session session, Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<List<Object>> ids = orderIds.stream().map(UUID::toString).sorted().map(id -> List.<Object>of(id))
                .toList();
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery("SELECT o.order_id, o.customer_id, "
                + "o.status, o.last_sequence, o.items_json, o.total_amount, CAST(o.refunded AS SIGNED), "
                + "DATE_FORMAT(o.paid_day, '%Y-%m-%d') FROM metrics_order o JOIN JSON_TABLE(?1, '$[*]' COLUMNS "
                + "(order_id CHAR(36) CHARACTER SET ascii PATH '$[0]')) AS batch ON o.order_id = batch.order_id "
                + "ORDER BY o.order_id FOR UPDATE", Object[].class)
                .setParameter(1, NativeSql.jsonRows(ids));
        return query.getResultList().map(rows -> {
            Map<UUID, OrderSalesState> states = new HashMap<>();
            for (Object[] row : rows) {
                OrderSalesState state = new OrderSalesState(UUID.fromString((String) row[0]), (String) row[1],
                        OrderStatus.valueOf((String) row[2]), ((Number) row[3]).longValue(), readItems(NativeSql.text(row[4])),
                        (BigDecimal) row[5], ((Number) row[6]).intValue() != 0,
                        row[7] == null ? null : LocalDate.parse((String) row[7]));
                states.put(state.orderId(), state);
            }
            return states;
        });
    }

    public Uni<Void> saveStates(Mutiny.Session session, Collection<OrderSalesState> states) {
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<OrderSalesState> sorted = states.stream()
                .sorted((a, b) -> a.orderId().toString().compareTo(b.orderId().toString())).toList();
        List<List<Object>> rows = sorted.stream().map(state -> List.<Object>of(state.orderId().toString(),
                state.customerId(), state.status().name(), state.sequence(), writeItems(state.items()),
                state.totalAmount(), state.refunded() ? 1 : 0,
                state.paidDay() == null ? "" : state.paidDay().toString())).toList();
        Mutiny.MutationQuery upsert = session.createNativeQuery("INSERT INTO metrics_order (order_id, customer_id, "
                + "status, last_sequence, items_json, total_amount, refunded, paid_day) SELECT order_id, customer_id, "
                + "status, last_sequence, items_json, total_amount, refunded, NULLIF(paid_day, '') FROM JSON_TABLE(?1, "
                + "'$[*]' COLUMNS (order_id CHAR(36) CHARACTER SET ascii PATH '$[0]', customer_id VARCHAR(64) PATH "
                + "'$[1]', status VARCHAR(16) PATH '$[2]', last_sequence BIGINT PATH '$[3]', items_json TEXT PATH "
                + "'$[4]', total_amount DECIMAL(14,2) PATH '$[5]', refunded INT PATH '$[6]', paid_day VARCHAR(10) "
                + "PATH '$[7]')) AS batch ON DUPLICATE KEY UPDATE customer_id = VALUES(customer_id), "
                + "status = VALUES(status), last_sequence = VALUES(last_sequence), items_json = VALUES(items_json), "
                + "total_amount = VALUES(total_amount), refunded = VALUES(refunded), paid_day = VALUES(paid_day)")
                .setParameter(1, NativeSql.jsonRows(rows));
        return upsert.executeUpdate().replaceWithVoid();
    }

    /** Adds the change to the product totals and the per-day figures. */
    public Uni<Void> apply(Mutiny.Session session, SalesDelta delta) {
        return addToProducts(session, delta.byProduct()).chain(() -> addToDays(session, delta.byProductDay()));
    }

    private Uni<Void> addToProducts(Mutiny.Session session, Map<String, SalesFigures> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<Object>> rows = changes.entrySet().stream().map(change -> List.<Object>of(change.getKey(),
                change.getValue().units(), change.getValue().revenue(), change.getValue().orders())).toList();
        Mutiny.MutationQuery upsert = session.createNativeQuery("INSERT INTO product_sales (product_id, units, "
                + "revenue, orders) SELECT product_id, units, revenue, orders FROM JSON_TABLE(?1, '$[*]' COLUMNS "
                + "(product_id VARCHAR(64) PATH '$[0]', units BIGINT PATH '$[1]', revenue DECIMAL(18,2) PATH '$[2]', "
                + "orders BIGINT PATH '$[3]')) AS batch ON DUPLICATE KEY UPDATE units = product_sales.units + "
                + "VALUES(units), revenue = product_sales.revenue + VALUES(revenue), "
                + "orders = product_sales.orders + VALUES(orders)")
                .setParameter(1, NativeSql.jsonRows(rows));
        return upsert.executeUpdate().replaceWithVoid();
    }

    private Uni<Void> addToDays(Mutiny.Session session, Map<SalesDelta.ProductDay, SalesFigures> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<Object>> rows = changes.entrySet().stream().map(change -> List.<Object>of(
                change.getKey().productId(), change.getKey().day().toString(), change.getValue().units(),
                change.getValue().revenue(), change.getValue().orders())).toList();
        Mutiny.MutationQuery upsert = session.createNativeQuery("INSERT INTO product_daily_sales (product_id, "
                + "sales_day, units, revenue, orders) SELECT product_id, sales_day, units, revenue, orders FROM "
                + "JSON_TABLE(?1, '$[*]' COLUMNS (product_id VARCHAR(64) PATH '$[0]', sales_day DATE PATH '$[1]', "
                + "units BIGINT PATH '$[2]', revenue DECIMAL(18,2) PATH '$[3]', orders BIGINT PATH '$[4]')) AS batch "
                + "ON DUPLICATE KEY UPDATE units = product_daily_sales.units + VALUES(units), "
                + "revenue = product_daily_sales.revenue + VALUES(revenue), "
                + "orders = product_daily_sales.orders + VALUES(orders)")
                .setParameter(1, NativeSql.jsonRows(rows));
        return upsert.executeUpdate().replaceWithVoid();
    }

    private List<OrderLine> readItems(String itemsJson) {
        try {
            return json.readValue(itemsJson, ITEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable items in metrics_order", e);
        }
    }

    private String writeItems(List<OrderLine> items) {
        try {
            return json.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write order items", e);
        }
    }
}
