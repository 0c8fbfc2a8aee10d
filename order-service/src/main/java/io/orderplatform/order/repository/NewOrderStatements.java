package io.orderplatform.order.repository;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderplatform.order.domain.IdempotencyKey;
import io.orderplatform.order.domain.Order;
import io.orderplatform.order.domain.OrderLineItem;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.tracing.RequestTraceContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes a group of new orders in the caller's transaction with one statement per table, whatever the group's size:
 * the orders, their lines, their OrderCreated outbox rows and their idempotency keys. Each statement takes the whole
 * group as one JSON parameter read by {@code JSON_TABLE} (MySQL 8, MariaDB 10.6+), so its text and prepared form
 * are the same for every group. This is the intake's hot path (see OrderIntake): Hibernate Reactive would flush one
 * INSERT per row, and keeps the model, the reads and the state changes.
 * <p>
 * Times go in as UTC text, as Hibernate writes them ({@code quarkus.hibernate-orm.jdbc.timezone=UTC}), so the
 * entities read them back unchanged.
 */
@ApplicationScoped
public class NewOrderStatements {

    private static final String INSERT_ORDERS = """
            INSERT INTO orders (id, customer_id, status, total_amount, refunded, last_sequence, created_at, updated_at)
            SELECT id, customer_id, status, total_amount, FALSE, last_sequence, created_at, created_at
            FROM JSON_TABLE(?, '$[*]' COLUMNS (
                id            CHAR(36) CHARACTER SET ascii PATH '$[0]',
                customer_id   VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[1]',
                status        VARCHAR(16) CHARACTER SET ascii PATH '$[2]',
                total_amount  DECIMAL(16, 2) PATH '$[3]',
                last_sequence BIGINT PATH '$[4]',
                created_at    DATETIME(6) PATH '$[5]')) AS batch
            """;

    // line_no from 0: the list index, as Hibernate's @OrderColumn writes and reads it.
    private static final String INSERT_LINES = """
            INSERT INTO order_line (order_id, line_no, product_id, quantity, unit_price)
            SELECT order_id, line_no, product_id, quantity, unit_price
            FROM JSON_TABLE(?, '$[*]' COLUMNS (
                order_id   CHAR(36) CHARACTER SET ascii PATH '$[0]',
                line_no    INT PATH '$[1]',
                product_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[2]',
                quantity   INT PATH '$[3]',
                unit_price DECIMAL(12, 2) PATH '$[4]')) AS batch
            """;

    // Ids are given in the group's order, which is the order the relay publishes in. Each row's trace context is its
    // own request's (the group mixes requests); an untraced row has empty strings there (a JSON null would not read
    // the same on every server). The payload, the row's one long text, comes last: MariaDB looks up each column's
    // path from the start of its row, so every column after a long string would scan it again.
    private static final String INSERT_OUTBOX_EVENTS = """
            INSERT INTO outbox_event (event_id, order_id, event_type, sequence, payload, created_at, traceparent,
                                      tracestate)
            SELECT event_id, order_id, event_type, sequence, payload, created_at, NULLIF(traceparent, ''),
                NULLIF(tracestate, '')
            FROM JSON_TABLE(?, '$[*]' COLUMNS (
                event_id    CHAR(36) CHARACTER SET ascii PATH '$[0]',
                order_id    CHAR(36) CHARACTER SET ascii PATH '$[1]',
                event_type  VARCHAR(32) CHARACTER SET ascii PATH '$[2]',
                sequence    BIGINT PATH '$[3]',
                created_at  DATETIME(6) PATH '$[4]',
                traceparent VARCHAR(55) CHARACTER SET ascii PATH '$[5]',
                tracestate  VARCHAR(512) CHARACTER SET ascii PATH '$[6]',
                payload     LONGTEXT CHARACTER SET utf8mb4 PATH '$[7]')) AS batch
            """;

    // A plain INSERT: a key another transaction stored meanwhile fails the statement with a duplicate key, and the
    // caller answers that request from the stored key instead.
    private static final String INSERT_IDEMPOTENCY_KEYS = """
            INSERT INTO idempotency_key (subject, idem_key, request_hash, order_id, created_at)
            SELECT subject, idem_key, request_hash, order_id, created_at
            FROM JSON_TABLE(?, '$[*]' COLUMNS (
                subject      VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[0]',
                idem_key     VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[1]',
                request_hash CHAR(64) CHARACTER SET ascii PATH '$[2]',
                order_id     CHAR(36) CHARACTER SET ascii PATH '$[3]',
                created_at   DATETIME(6) PATH '$[4]')) AS batch
            """;

    private static final String FIND_IDEMPOTENCY_KEYS = """
            SELECT k.subject, k.idem_key, k.request_hash, k.order_id, k.created_at
            FROM idempotency_key k
            JOIN JSON_TABLE(?, '$[*]' COLUMNS (
                subject  VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[0]',
                idem_key VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[1]')) AS batch
              ON k.subject = batch.subject AND k.idem_key = batch.idem_key
            """;

    /** An untraced row's traceparent and tracestate, stored as NULL (see {@link #INSERT_OUTBOX_EVENTS}). */
    private static final String NO_TRACE = "";

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    /** Inserts the orders with their lines and outbox rows; the events' orders must be among the orders. */
    public Uni<Void> insert(SqlConnection connection, List<Order> orders, List<OutboxEvent> events) {
        JsonArray orderRows = new JsonArray();
        JsonArray lineRows = new JsonArray();
        for (Order order : orders) {
            orderRows.add(JsonArray.of(order.id().toString(), order.customerId(), order.status().name(),
                    order.totalAmount().toPlainString(), order.lastSequence(), utc(order.createdAt())));
            List<OrderLineItem> lines = order.lines();
            for (int lineNo = 0; lineNo < lines.size(); lineNo++) {
                OrderLineItem line = lines.get(lineNo);
                lineRows.add(JsonArray.of(order.id().toString(), lineNo, line.productId(), line.quantity(),
                        line.unitPrice().toPlainString()));
            }
        }
        JsonArray eventRows = new JsonArray();
        for (OutboxEvent event : events) {
            RequestTraceContext trace = event.traceContext();
            eventRows.add(JsonArray.of(event.eventId().toString(), event.orderId().toString(), event.eventType(),
                    event.sequence(), utc(event.createdAt()),
                    trace.isPresent() ? trace.traceparent() : NO_TRACE,
                    trace.tracestate() != null ? trace.tracestate() : NO_TRACE,
                    event.payload()));
        }
        return execute(connection, INSERT_ORDERS, orderRows)
                .call(() -> execute(connection, INSERT_LINES, lineRows))
                .call(() -> execute(connection, INSERT_OUTBOX_EVENTS, eventRows));
    }

    /** Stores the keys; fails with a duplicate key (1062) when one of them exists. */
    public Uni<Void> insertKeys(SqlConnection connection, List<IdempotencyKey> keys) {
        JsonArray rows = new JsonArray();
        keys.forEach(key -> rows.add(JsonArray.of(key.id().subject(), key.id().key(), key.requestHash(),
                key.orderId().toString(), utc(key.createdAt()))));
        return execute(connection, INSERT_IDEMPOTENCY_KEYS, rows);
    }

    /** The stored keys among {@code ids}. */
    public Uni<Map<IdempotencyKey.Id, IdempotencyKey>> findKeys(SqlConnection connection,
            List<IdempotencyKey.Id> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Collections.emptyMap()); // containsKey(null) is false, not an exception
        }
        JsonArray rows = new JsonArray();
        ids.forEach(id -> rows.add(JsonArray.of(id.subject(), id.key())));
        return connection.preparedQuery(FIND_IDEMPOTENCY_KEYS).execute(Tuple.of(rows.encode()))
                .map(found -> {
                    List<IdempotencyKey> keys = new ArrayList<>();
                    for (Row row : found) {
                        keys.add(idempotencyKey(row));
                    }
                    return keys.stream().collect(Collectors.toMap(IdempotencyKey::id, Function.identity()));
                });
    }

    private static IdempotencyKey idempotencyKey(Row row) {
        return new IdempotencyKey(new IdempotencyKey.Id(row.getString("subject"), row.getString("idem_key")),
                row.getString("request_hash"), UUID.fromString(row.getString("order_id")),
                row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC));
    }

    private static Uni<Void> execute(SqlConnection connection, String sql, JsonArray rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(sql).execute(Tuple.of(rows.encode())).replaceWithVoid();
    }

    private static String utc(Instant instant) {
        return DATETIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
