package io.orderplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
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
import io.orderplatform.contract.Topics;

/**
 * How fast a consumer service drains a backlog, and how much memory it takes doing it: N order events are put
 * on the topic first (half OrderCreated, half OrderPaid), then the service is started and timed until its
 * processed-events log holds all N. Prints figures; it is not a test. Run through {@code infra/bin/bench-drain}.
 */
public final class DrainBenchmark {

    private DrainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = 200_000;
        String service = "metrics-consumer";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--service" -> service = args[++i];
                default -> throw new IllegalArgumentException("usage: DrainBenchmark [--events N] [--service NAME]");
            }
        }
        Path repoRoot = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory(repoRoot.resolve("infra/local-stack/target"), "bench-");
        System.out.printf("Drain benchmark: %d events, %s, work dir %s%n", events, service, work);
        try (LocalMariaDb db = new LocalMariaDb(work.resolve("mariadb"), freePort()).start();
                LocalKafkaCluster kafka = new LocalKafkaCluster(work.resolve("kafka"), freePort(),
                        List.of(freePort(), freePort(), freePort())).start(Duration.ofSeconds(120))) {
            String database = LocalStack.databaseOf(service);
            DatabaseAccount account = db.provision(database);
            try (Admin admin = kafka.admin()) {
                TopicProvisioner.createAll(admin);
            }
            long expectedUnits = produce(kafka.clientConfig(KafkaSecurity.ADMIN), events);

            Map<String, String> env = new java.util.HashMap<>(LocalStack.environment(kafka, service, account));
            env.put("DB_PORT", String.valueOf(db.port()));
            env.putAll(LocalIdentityProvider.in(work.resolve("jwt")).environment());
            Instant start = Instant.now();
            try (ServiceProcess consumer = ServiceProcess.start(repoRoot, service, freePort(), env,
                    work.resolve(service + ".log"))) {
                measure(consumer, db, database, events, start, service, expectedUnits);
            }
        }
    }

    /** Writes events/2 orders (created, then paid) with the order-service producer settings; returns units paid. */
    private static long produce(Map<String, Object> clientConfig, int events) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        Random random = new Random(42);
        long units = 0;
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < events / 2; i++) {
                UUID orderId = UUID.randomUUID();
                int quantity = 1 + random.nextInt(5);
                units += quantity;
                List<OrderLine> items = List.of(new OrderLine("product-" + random.nextInt(1_000), quantity,
                        new BigDecimal("9.99")));
                BigDecimal total = new BigDecimal("9.99").multiply(BigDecimal.valueOf(quantity));
                Instant now = Instant.now();
                send(producer, new OrderEvent(UUID.randomUUID(), EventType.ORDER_CREATED, orderId, now, 1, 1,
                        new OrderSnapshot("customer-" + random.nextInt(10_000), OrderStatus.CREATED, items, total, false)));
                send(producer, new OrderEvent(UUID.randomUUID(), EventType.ORDER_PAID, orderId, now, 2, 1,
                        new OrderSnapshot("customer-" + random.nextInt(10_000), OrderStatus.PAID, items, total, false)));
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Produced %d events in %.1f s: %.0f events/s (acks=all, idempotent)%n", events, seconds,
                events / seconds);
        return units;
    }

    private static void send(KafkaProducer<String, String> producer, OrderEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ORDER_EVENTS, event.orderId().toString(),
                EventContract.toJson(event));
        record.headers().add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes());
        record.headers().add(EventHeaders.EVENT_TYPE, event.eventType().wireName().getBytes());
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                throw new IllegalStateException("Produce failed", error);
            }
        });
    }

    private static void measure(ServiceProcess consumer, LocalMariaDb db, String database, int events, Instant start,
            String service, long expectedUnits) throws SQLException, InterruptedException {
        long maxRss = 0;
        Instant firstEvent = null;
        List<long[]> samples = new ArrayList<>();
        Duration timeout = Duration.ofMinutes(15);
        try (Connection connection = db.adminConnection(database)) {
            while (true) {
                if (!consumer.isAlive()) {
                    throw new IllegalStateException(service + " exited; see " + consumer.log());
                }
                long processed = count(connection, "SELECT COUNT(*) FROM processed_event");
                maxRss = Math.max(maxRss, consumer.residentBytes());
                Instant now = Instant.now();
                if (processed > 0 && firstEvent == null) {
                    firstEvent = now;
                }
                samples.add(new long[] { Duration.between(start, now).toMillis(), processed });
                if (processed >= events) {
                    break;
                }
                if (Duration.between(start, now).compareTo(timeout) > 0) {
                    throw new IllegalStateException("Not drained within " + timeout + ": " + processed + " of " + events);
                }
                Thread.sleep(250);
            }
            Instant done = Instant.now();
            double drainSeconds = Duration.between(firstEvent, done).toMillis() / 1000.0;
            double totalSeconds = Duration.between(start, done).toMillis() / 1000.0;
            System.out.printf("%s drained %d events: %.1f s from its first applied event (%.0f events/s), "
                    + "%.1f s from process start (%.0f events/s including startup)%n", service, events, drainSeconds,
                    events / drainSeconds, totalSeconds, events / totalSeconds);
            System.out.printf("%s resident memory: max %.0f MB during the drain, %.0f MB after%n", service,
                    maxRss / 1048576.0, consumer.residentBytes() / 1048576.0);
            if ("metrics-consumer".equals(service)) {
                long units = count(connection, "SELECT COALESCE(SUM(units), 0) FROM product_sales");
                System.out.printf("Check: units sold %d, expected %d: %s%n", units, expectedUnits,
                        units == expectedUnits ? "OK" : "MISMATCH");
            }
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if (e.getMessage().contains("doesn't exist")) {
                return 0; // the service has not run its migrations yet
            }
            throw e;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
