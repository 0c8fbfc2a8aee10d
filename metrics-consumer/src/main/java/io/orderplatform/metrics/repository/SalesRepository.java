package io.orderplatform.metrics.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

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
 * batch's rows from one JSON parameter (JSON_TABLE), all in the caller's transaction. Order rows are always locked
 * and written in key order, so two consumers cannot deadlock.
 */
@ApplicationScoped
public class SalesRepository {

    /**
     * The states of the batch's orders (a JSON array of one-element arrays), locked in key order. Every column is
     * named as it is read ({@link #state(Tuple)}).
     */
    private static final String LOCK_ORDER_STATES = """
            SELECT o.order_id AS order_id, o.customer_id AS customer_id, o.status AS status,
                o.last_sequence AS last_sequence, o.items_json AS items_json, o.total_amount AS total_amount,
                CAST(o.refunded AS SIGNED) AS refunded, DATE_FORMAT(o.paid_day, '%Y-%m-%d') AS paid_day
            FROM metrics_order o
            JOIN JSON_TABLE(?1, '$[*]' COLUMNS (
                order_id CHAR(36) CHARACTER SET ascii PATH '$[0]')) AS batch
              ON o.order_id = batch.order_id
            ORDER BY o.order_id
            FOR UPDATE""";

    /** An order not paid yet has no paid day: sent as this (a JSON null would not read the same on every server). */
    private static final String NO_PAID_DAY = "";

    /** The items, the row's one long text, come last (see {@link NativeSql#jsonRows}). */
    private static final String UPSERT_ORDER_STATES = """
            INSERT INTO metrics_order (order_id, customer_id, status, last_sequence, items_json, total_amount,
                refunded, paid_day)
            SELECT order_id, customer_id, status, last_sequence, items_json, total_amount, refunded,
                NULLIF(paid_day, '')
            FROM JSON_TABLE(?1, '$[*]' COLUMNS (
                order_id      CHAR(36) CHARACTER SET ascii PATH '$[0]',
                customer_id   VARCHAR(64)                  PATH '$[1]',
                status        VARCHAR(16)                  PATH '$[2]',
                last_sequence BIGINT                       PATH '$[3]',
                total_amount  DECIMAL(14,2)                PATH '$[4]',
                refunded      INT                          PATH '$[5]',
                paid_day      VARCHAR(10)                  PATH '$[6]',
                items_json    TEXT                         PATH '$[7]')) AS batch
            ON DUPLICATE KEY UPDATE customer_id = VALUES(customer_id), status = VALUES(status),
                last_sequence = VALUES(last_sequence), items_json = VALUES(items_json),
                total_amount = VALUES(total_amount), refunded = VALUES(refunded), paid_day = VALUES(paid_day)""";

    private static final String ADD_TO_PRODUCT_SALES = """
            INSERT INTO product_sales (product_id, units, revenue, orders)
            SELECT product_id, units, revenue, orders
            FROM JSON_TABLE(?1, '$[*]' COLUMNS (
                product_id VARCHAR(64)   PATH '$[0]',
                units      BIGINT        PATH '$[1]',
                revenue    DECIMAL(18,2) PATH '$[2]',
                orders     BIGINT        PATH '$[3]')) AS batch
            ON DUPLICATE KEY UPDATE units = product_sales.units + VALUES(units),
                revenue = product_sales.revenue + VALUES(revenue), orders = product_sales.orders + VALUES(orders)""";

    private static final String ADD_TO_PRODUCT_DAILY_SALES = """
            INSERT INTO product_daily_sales (product_id, sales_day, units, revenue, orders)
            SELECT product_id, sales_day, units, revenue, orders
            FROM JSON_TABLE(?1, '$[*]' COLUMNS (
                product_id VARCHAR(64)   PATH '$[0]',
                sales_day  DATE          PATH '$[1]',
                units      BIGINT        PATH '$[2]',
                revenue    DECIMAL(18,2) PATH '$[3]',
                orders     BIGINT        PATH '$[4]')) AS batch
            ON DUPLICATE KEY UPDATE units = product_daily_sales.units + VALUES(units),
                revenue = product_daily_sales.revenue + VALUES(revenue),
                orders = product_daily_sales.orders + VALUES(orders)""";

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
        return session.createNativeQuery(LOCK_ORDER_STATES, Tuple.class)
                .setParameter(1, NativeSql.jsonRows(ids))
                .getResultList()
                .map(rows -> {
                    Map<UUID, OrderSalesState> states = new HashMap<>();
                    for (Tuple row : rows) {
                        OrderSalesState state = state(row);
                        states.put(state.orderId(), state);
                    }
                    return states;
                });
    }

    public Uni<Void> saveStates(Mutiny.Session session, Collection<OrderSalesState> states) {
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<Object>> rows = states.stream()
                .sorted((a, b) -> a.orderId().toString().compareTo(b.orderId().toString()))
                .map(state -> List.<Object>of(state.orderId().toString(), state.customerId(), state.status().name(),
                        state.sequence(), state.totalAmount(), state.refunded() ? 1 : 0,
                        state.paidDay() == null ? NO_PAID_DAY : state.paidDay().toString(), writeItems(state.items())))
                .toList();
        return session.createNativeQuery(UPSERT_ORDER_STATES)
                .setParameter(1, NativeSql.jsonRows(rows))
                .executeUpdate()
                .replaceWithVoid();
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
        return session.createNativeQuery(ADD_TO_PRODUCT_SALES)
                .setParameter(1, NativeSql.jsonRows(rows))
                .executeUpdate()
                .replaceWithVoid();
    }

    private Uni<Void> addToDays(Mutiny.Session session, Map<SalesDelta.ProductDay, SalesFigures> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<Object>> rows = changes.entrySet().stream().map(change -> List.<Object>of(
                change.getKey().productId(), change.getKey().day().toString(), change.getValue().units(),
                change.getValue().revenue(), change.getValue().orders())).toList();
        return session.createNativeQuery(ADD_TO_PRODUCT_DAILY_SALES)
                .setParameter(1, NativeSql.jsonRows(rows))
                .executeUpdate()
                .replaceWithVoid();
    }

    private OrderSalesState state(Tuple row) {
        String paidDay = row.get("paid_day", String.class);
        return new OrderSalesState(UUID.fromString(row.get("order_id", String.class)),
                row.get("customer_id", String.class), OrderStatus.valueOf(row.get("status", String.class)),
                row.get("last_sequence", Number.class).longValue(), readItems(NativeSql.text(row.get("items_json"))),
                row.get("total_amount", BigDecimal.class), row.get("refunded", Number.class).intValue() != 0,
                paidDay == null ? null : LocalDate.parse(paidDay));
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
