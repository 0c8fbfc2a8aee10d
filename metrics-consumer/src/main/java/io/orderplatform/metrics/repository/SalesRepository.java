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
 * The write side of the sales metrics: multi-row statements, a handful per batch of events whatever its size,
 * all in the caller's transaction. Rows are always touched in key order, so two consumers cannot deadlock.
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
        List<String> ids = orderIds.stream().map(UUID::toString).sorted().toList();
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery("SELECT order_id, customer_id, status, "
                + "last_sequence, items_json, total_amount, CAST(refunded AS SIGNED), "
                + "DATE_FORMAT(paid_day, '%Y-%m-%d') FROM metrics_order WHERE order_id IN (" + NativeSql.placeholders(ids.size(), 1)
                + ") ORDER BY order_id FOR UPDATE", Object[].class);
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter(i + 1, ids.get(i));
        }
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
        Mutiny.MutationQuery upsert = session.createNativeQuery("INSERT INTO metrics_order (order_id, customer_id, "
                + "status, last_sequence, items_json, total_amount, refunded, paid_day) VALUES " + NativeSql.rows(sorted.size(), 8)
                + " ON DUPLICATE KEY UPDATE customer_id = VALUES(customer_id), status = VALUES(status), "
                + "last_sequence = VALUES(last_sequence), items_json = VALUES(items_json), "
                + "total_amount = VALUES(total_amount), refunded = VALUES(refunded), paid_day = VALUES(paid_day)");
        int p = 1;
        for (OrderSalesState state : sorted) {
            upsert.setParameter(p++, state.orderId().toString());
            upsert.setParameter(p++, state.customerId());
            upsert.setParameter(p++, state.status().name());
            upsert.setParameter(p++, state.sequence());
            upsert.setParameter(p++, writeItems(state.items()));
            upsert.setParameter(p++, state.totalAmount());
            upsert.setParameter(p++, state.refunded());
            upsert.setParameter(p++, state.paidDay());
        }
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
        Mutiny.MutationQuery upsert = session.createNativeQuery("INSERT INTO product_sales (product_id, units, "
                + "revenue, orders) VALUES " + NativeSql.rows(changes.size(), 4) + " ON DUPLICATE KEY UPDATE "
                + "units = units + VALUES(units), revenue = revenue + VALUES(revenue), orders = orders + VALUES(orders)");
        int p = 1;
        for (Map.Entry<String, SalesFigures> change : changes.entrySet()) {
            upsert.setParameter(p++, change.getKey());
            upsert.setParameter(p++, change.getValue().units());
            upsert.setParameter(p++, change.getValue().revenue());
            upsert.setParameter(p++, change.getValue().orders());
        }
        return upsert.executeUpdate().replaceWithVoid();
    }

    private Uni<Void> addToDays(Mutiny.Session session, Map<SalesDelta.ProductDay, SalesFigures> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Mutiny.MutationQuery upsert = session.createNativeQuery("INSERT INTO product_daily_sales (product_id, "
                + "sales_day, units, revenue, orders) VALUES " + NativeSql.rows(changes.size(), 5) + " ON DUPLICATE KEY UPDATE "
                + "units = units + VALUES(units), revenue = revenue + VALUES(revenue), orders = orders + VALUES(orders)");
        int p = 1;
        for (Map.Entry<SalesDelta.ProductDay, SalesFigures> change : changes.entrySet()) {
            upsert.setParameter(p++, change.getKey().productId());
            upsert.setParameter(p++, change.getKey().day());
            upsert.setParameter(p++, change.getValue().units());
            upsert.setParameter(p++, change.getValue().revenue());
            upsert.setParameter(p++, change.getValue().orders());
        }
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
