package io.orderplatform.localstack.chaos;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.EventHeaders;

/**
 * What the databases and the dead-letter topics hold about one chaos run, read as it is: the run's orders (their
 * customer ids start with the run id), their outbox events, what each consumer recorded for them, and the dead
 * letters written since the run began. The {@link Ledger} makes the figures.
 * <p>
 * The consumers' tables are joined to order_service's on the order id. order_service declares its ids
 * {@code utf8mb4_bin}, the consumers' tables take the server's {@code utf8mb4_unicode_ci}: the comparison names the
 * consumers' collation, so that their order_id indexes serve it.
 */
final class RunRecords {

    record Order(String id, String status, boolean refunded) {
    }

    record Line(String orderId, String productId, int quantity, BigDecimal unitPrice) {
        BigDecimal total() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    record OutboxEvent(String eventId, String orderId, String eventType, long sequence, boolean sent) {
    }

    /** A row of a consumer's processed_event table. */
    record Processed(String eventId, String orderId, long sequence) {
    }

    record ProductFigures(long units, BigDecimal revenue, long orders) {
        static final ProductFigures NONE = new ProductFigures(0, BigDecimal.ZERO, 0);

        ProductFigures plus(ProductFigures other) {
            return new ProductFigures(units + other.units, revenue.add(other.revenue), orders + other.orders);
        }
    }

    /** A record of a dead-letter topic: the original key and headers, and the reason the consumer gave. */
    record DeadLetter(String key, String eventId, String reason) {
    }

    private static final String ORDERS = """
            SELECT id, status, refunded
              FROM order_service.orders
             WHERE customer_id LIKE ?
            """;
    private static final String LINES = """
            SELECT l.order_id, l.product_id, l.quantity, l.unit_price
              FROM order_service.order_line l
              JOIN order_service.orders o ON o.id = l.order_id
             WHERE o.customer_id LIKE ?
            """;
    private static final String OUTBOX = """
            SELECT e.event_id, e.order_id, e.event_type, e.sequence, e.sent_at IS NOT NULL
              FROM order_service.outbox_event e
              JOIN order_service.orders o ON o.id = e.order_id
             WHERE o.customer_id LIKE ?
            """;
    /** %s: the consumer's database. */
    private static final String PROCESSED = """
            SELECT p.event_id, p.order_id, p.sequence
              FROM order_service.orders o
              JOIN %s.processed_event p ON p.order_id = o.id COLLATE utf8mb4_unicode_ci
             WHERE o.customer_id LIKE ?
            """;
    private static final String AUDIT_ENTRIES = """
            SELECT a.event_id, COUNT(*)
              FROM order_service.orders o
              JOIN audit_consumer.audit_entry a ON a.order_id = o.id COLLATE utf8mb4_unicode_ci
             WHERE o.customer_id LIKE ?
             GROUP BY a.event_id
            """;
    private static final String PRODUCT_SALES = """
            SELECT product_id, units, revenue, orders
              FROM metrics_consumer.product_sales
             WHERE product_id LIKE ?
            """;
    private static final String METRICS_ORDERS = """
            SELECT order_id, status
              FROM metrics_consumer.metrics_order
             WHERE customer_id LIKE ?
            """;

    final Map<String, Order> orders = new LinkedHashMap<>();
    final Map<String, List<Line>> linesByOrder = new HashMap<>();
    final Map<String, OutboxEvent> outbox = new LinkedHashMap<>();
    final Map<String, List<Processed>> processedByGroup = new LinkedHashMap<>();
    /** audit_entry rows of the run's orders: count per event_id. */
    final Map<String, Long> auditEntries = new HashMap<>();
    final Map<String, ProductFigures> productSales = new HashMap<>();
    final Map<String, String> metricsOrderStatus = new HashMap<>();
    final Map<String, List<DeadLetter>> deadLettersByGroup = new LinkedHashMap<>();

    /** Reads the run's rows; {@code groups} maps each consumer group to its database. */
    static RunRecords read(Connection connection, String runId, Map<String, String> groups) throws SQLException {
        RunRecords records = new RunRecords();
        String ofRun = runId + "-%";
        query(connection, ORDERS, ofRun, rows -> records.orders.put(rows.getString(1),
                new Order(rows.getString(1), rows.getString(2), rows.getBoolean(3))));
        query(connection, LINES, ofRun, rows -> records.linesByOrder.computeIfAbsent(rows.getString(1),
                id -> new ArrayList<>()).add(new Line(rows.getString(1), rows.getString(2), rows.getInt(3),
                        rows.getBigDecimal(4))));
        query(connection, OUTBOX, ofRun, rows -> records.outbox.put(rows.getString(1), new OutboxEvent(
                rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4), rows.getBoolean(5))));
        for (Map.Entry<String, String> group : groups.entrySet()) {
            List<Processed> processed = new ArrayList<>();
            query(connection, PROCESSED.formatted(group.getValue()), ofRun,
                    rows -> processed.add(new Processed(rows.getString(1), rows.getString(2), rows.getLong(3))));
            records.processedByGroup.put(group.getKey(), processed);
        }
        query(connection, AUDIT_ENTRIES, ofRun, rows -> records.auditEntries.put(rows.getString(1), rows.getLong(2)));
        query(connection, PRODUCT_SALES, ofRun, rows -> records.productSales.put(rows.getString(1),
                new ProductFigures(rows.getLong(2), rows.getBigDecimal(3), rows.getLong(4))));
        query(connection, METRICS_ORDERS, ofRun, rows -> records.metricsOrderStatus.put(rows.getString(1),
                rows.getString(2)));
        return records;
    }

    /**
     * Reads a dead-letter topic from the given offsets (where it ended when the run began) to its end now.
     */
    static List<DeadLetter> readDeadLetters(Map<String, Object> clientConfig, Map<TopicPartition, Long> from,
            Duration timeout) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<DeadLetter> deadLetters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + from.keySet() + " to its end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    deadLetters.add(new DeadLetter(text(record.key()), eventId(record),
                            header(record, "dead-letter-reason")));
                }
            }
        }
        return deadLetters;
    }

    /** The original eventId header; for a record without it, the eventId of its value if that is an event. */
    private static String eventId(ConsumerRecord<byte[], byte[]> record) {
        String header = header(record, EventHeaders.EVENT_ID);
        if (header != null || record.value() == null) {
            return header;
        }
        try {
            JsonNode id = EventContract.readTree(new String(record.value(), StandardCharsets.UTF_8)).path("eventId");
            return id.isTextual() ? id.asText() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private static void query(Connection connection, String sql, String parameter, RowReader reader)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }
}
