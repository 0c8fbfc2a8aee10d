package io.orderplatform.localstack;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.EventHeaders;
import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.OrderLine;
import io.orderplatform.contract.OrderSnapshot;
import io.orderplatform.contract.OrderStatus;
import io.orderplatform.contract.TimeOrderedIds;
import io.orderplatform.contract.Topics;

/**
 * A backlog of events put on a topic before a consumer starts, for the drain benchmarks: with order-service's
 * producer settings (acks=all, idempotent), the same seed every run.
 */
public final class EventBacklog {

    private EventBacklog() {
    }

    /**
     * Writes {@code events} order events to order-events: events/2 orders, each created then paid, one line each.
     * Returns the units paid, which metrics-consumer's product sales must add up to. Order and event ids are
     * time-ordered, as order-service makes them: random ones would put every insert on a random page of the
     * consumers' indexes, which no real backlog does (and which is slow once the tables hold millions of rows).
     */
    public static long produceOrderEvents(Map<String, Object> clientConfig, int events) {
        Random random = new Random(42);
        long units = 0;
        long started = System.nanoTime();
        try (Sender sender = new Sender(clientConfig)) {
            for (int i = 0; i < events / 2; i++) {
                UUID orderId = TimeOrderedIds.next();
                int quantity = 1 + random.nextInt(5);
                units += quantity;
                List<OrderLine> items = List.of(new OrderLine("product-" + random.nextInt(1_000), quantity,
                        new BigDecimal("9.99")));
                BigDecimal total = new BigDecimal("9.99").multiply(BigDecimal.valueOf(quantity));
                Instant now = Instant.now();
                sender.send(new OrderEvent(TimeOrderedIds.next(), EventType.ORDER_CREATED, orderId, now, 1, 1,
                        new OrderSnapshot("customer-" + random.nextInt(10_000), OrderStatus.CREATED, items, total, false)));
                sender.send(new OrderEvent(TimeOrderedIds.next(), EventType.ORDER_PAID, orderId, now, 2, 1,
                        new OrderSnapshot("customer-" + random.nextInt(10_000), OrderStatus.PAID, items, total, false)));
            }
        }
        printRate(events, Topics.ORDER_EVENTS, started);
        return units;
    }

    /**
     * Writes {@code events} events in the flat shape the peer's consumer reads (as its tools/Produce.java writes
     * them: an OrderCreated of one product line, keyed by order id) to {@code topic}.
     */
    public static void producePeerEvents(Map<String, Object> clientConfig, String topic, int events) {
        Random random = new Random(42);
        long started = System.nanoTime();
        try (Sender sender = new Sender(clientConfig)) {
            for (int i = 0; i < events; i++) {
                String orderId = "o-" + UUID.randomUUID();
                String json = String.format(Locale.ROOT, "{\"eventId\":\"%s\",\"eventType\":\"OrderCreated\","
                        + "\"orderId\":\"%s\",\"productId\":\"p-%04d\",\"quantity\":%d,\"unitPrice\":\"%d.%02d\"}",
                        UUID.randomUUID(), orderId, random.nextInt(1000), 1 + random.nextInt(5), 1 + random.nextInt(200),
                        random.nextInt(100));
                sender.send(new ProducerRecord<>(topic, orderId, json));
            }
        }
        printRate(events, topic, started);
    }

    /** How long a consumer took to apply a backlog. */
    public record Drain(long events, double secondsFromFirstEvent, double secondsFromStart) {
        public double eventsPerSecond() {
            return events / secondsFromFirstEvent;
        }
    }

    /**
     * Waits until {@code countSql} (run as the administrator) counts {@code baseline + events} applied events,
     * polling every 250 ms; times the drain from the first applied event seen, and from {@code started} (the
     * consumer's process start). Fails, naming its log, if the consumer exits or takes longer than {@code timeout}.
     */
    public static Drain awaitDrained(ServiceProcess consumer, LocalMariaDb db, String countSql, long baseline,
            long events, long startedNanos, Duration timeout) {
        long firstEventNanos = 0;
        try (Connection connection = db.adminConnection("")) {
            while (true) {
                if (!consumer.isAlive()) {
                    throw new IllegalStateException(consumer.name() + " exited; see " + consumer.log());
                }
                long applied = count(connection, countSql) - baseline;
                long now = System.nanoTime();
                if (applied > 0 && firstEventNanos == 0) {
                    firstEventNanos = now;
                }
                if (applied >= events) {
                    return new Drain(events, (now - firstEventNanos) / 1e9, (now - startedNanos) / 1e9);
                }
                if (now - startedNanos > timeout.toNanos()) {
                    throw new IllegalStateException(consumer.name() + " did not drain within " + timeout + ": "
                            + applied + " of " + events + "; see " + consumer.log());
                }
                BenchmarkStack.pause(Duration.ofMillis(250));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count what " + consumer.name() + " applied", e);
        }
    }

    /** The one number {@code sql} selects; 0 while its table does not exist (the service has not migrated yet). */
    public static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if (e.getMessage().contains("doesn't exist")) {
                return 0;
            }
            throw e;
        }
    }

    private static void printRate(int events, String topic, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf("Produced %d events to %s in %.1f s: %.0f events/s (acks=all, idempotent)%n", events, topic,
                seconds, events / seconds);
    }

    /** A producer that fails the backlog, at the latest when closed, if any record was not acknowledged. */
    private static final class Sender implements AutoCloseable {
        private final KafkaProducer<String, String> producer;
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        Sender(Map<String, Object> clientConfig) {
            Properties props = new Properties();
            props.putAll(clientConfig);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            producer = new KafkaProducer<>(props);
        }

        void send(OrderEvent event) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ORDER_EVENTS,
                    event.orderId().toString(), EventContract.toJson(event));
            record.headers().add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes());
            record.headers().add(EventHeaders.EVENT_TYPE, event.eventType().wireName().getBytes());
            send(record);
        }

        void send(ProducerRecord<String, String> record) {
            if (failure.get() != null) {
                throw new IllegalStateException("Producing the backlog failed", failure.get());
            }
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }

        @Override
        public void close() {
            producer.flush();
            producer.close();
            if (failure.get() != null) {
                throw new IllegalStateException("Producing the backlog failed", failure.get());
            }
        }
    }
}
