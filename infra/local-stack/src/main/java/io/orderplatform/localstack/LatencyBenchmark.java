package io.orderplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;

import io.orderplatform.contract.Roles;

/**
 * End-to-end latency at moderate load, everything local: orders are created and paid over REST at a steady rate;
 * afterwards the databases tell how long each event took from its order's commit to the Kafka ack (the outbox row's
 * {@code created_at} to {@code sent_at}) and to each consumer's commit (the audit entry's {@code recorded_at}, the
 * metrics consumer's {@code processed_at}). Also prints each service's resident memory. Prints figures; it is not a
 * test. Run through {@code infra/bin/bench-latency}.
 */
public final class LatencyBenchmark {

    private static final Pattern ORDER_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    /** The orders' bearer token, minted with the benchmark's own key once its services run. */
    private static volatile String authorization;

    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int ratePerSecond = 20;
        int seconds = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> ratePerSecond = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: LatencyBenchmark [--rate ORDERS_PER_S] [--seconds N]");
            }
        }
        Path repoRoot = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory(repoRoot.resolve("infra/local-stack/target"), "latency-");
        System.out.printf("Latency benchmark: %d orders/s (each created, then paid) for %d s; work dir %s%n",
                ratePerSecond, seconds, work);
        try (LocalMariaDb db = new LocalMariaDb(work.resolve("mariadb"), freePort()).start();
                LocalKafkaCluster kafka = new LocalKafkaCluster(work.resolve("kafka"), freePort(),
                        List.of(freePort(), freePort(), freePort())).start(Duration.ofSeconds(120))) {
            try (Admin admin = kafka.admin()) {
                TopicProvisioner.createAll(admin);
            }
            Map<String, ServiceProcess> services = new LinkedHashMap<>();
            try {
                for (String name : LocalStack.SERVICES.keySet()) {
                    Map<String, String> env = new HashMap<>(LocalStack.environment(kafka, name,
                            db.provision(LocalStack.databaseOf(name))));
                    env.put("DB_PORT", String.valueOf(db.port()));
                    env.putAll(LocalIdentityProvider.in(work.resolve("jwt")).environment());
                    services.put(name, ServiceProcess.start(repoRoot, name, freePort(), env, work.resolve(name + ".log")));
                }
                for (ServiceProcess service : services.values()) {
                    service.awaitReady(Duration.ofSeconds(180));
                }
                String orders = services.get("order-service").url() + "/orders";
                authorization = "Bearer " + LocalIdentityProvider.in(work.resolve("jwt"))
                        .mint("bench-latency", List.of(Roles.ORDERS_WRITE), Duration.ofDays(1));
                load(orders, Math.max(ratePerSecond, 5), 5); // warm-up, not measured
                long warmUpEvents = 2L * Math.max(ratePerSecond, 5) * 5;
                awaitConsumed(db, warmUpEvents);
                try (Connection c = db.adminConnection("")) {
                    exec(c, "DELETE FROM order_service.outbox_event WHERE sent_at IS NOT NULL");
                    exec(c, "DELETE FROM audit_consumer.audit_entry");
                }
                int placed = load(orders, ratePerSecond, seconds);
                awaitConsumed(db, 2L * placed);
                report(db, placed, services);
            } finally {
                services.values().forEach(ServiceProcess::close);
            }
        }
    }

    /** Creates and pays {@code rate} orders a second for {@code seconds} seconds; returns how many. */
    private static int load(String ordersUrl, int rate, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> calls = new ArrayList<>();
        long start = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * (1e9 / rate));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = i;
            calls.add(clients.submit(() -> placeAndPay(http, ordersUrl, n)));
        }
        for (Future<?> call : calls) {
            call.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        return total;
    }

    private static Void placeAndPay(HttpClient http, String ordersUrl, int n) throws IOException, InterruptedException {
        String body = "{\"customerId\":\"bench-" + (n % 100) + "\",\"items\":[{\"productId\":\"product-" + (n % 50)
                + "\",\"quantity\":1,\"unitPrice\":9.99}]}";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(ordersUrl))
                .header("Content-Type", "application/json").header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("POST /orders answered " + created.statusCode() + ": " + created.body());
        }
        Matcher id = ORDER_ID.matcher(created.body());
        if (!id.find()) {
            throw new IllegalStateException("No order id in " + created.body());
        }
        HttpResponse<String> paid = http.send(HttpRequest.newBuilder(URI.create(ordersUrl + "/" + id.group(1) + "/pay"))
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (paid.statusCode() != 200) {
            throw new IllegalStateException("POST /pay answered " + paid.statusCode() + ": " + paid.body());
        }
        return null;
    }

    private static void awaitConsumed(LocalMariaDb db, long events) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        try (Connection c = db.adminConnection("")) {
            while (System.nanoTime() < deadline) {
                if (count(c, "SELECT COUNT(*) FROM audit_consumer.processed_event") >= events
                        && count(c, "SELECT COUNT(*) FROM metrics_consumer.processed_event") >= events) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new IllegalStateException("The consumers did not apply " + events + " events within 5 minutes");
    }

    private static void report(LocalMariaDb db, int orders, Map<String, ServiceProcess> services) throws SQLException {
        try (Connection c = db.adminConnection("")) {
            exec(c, "SET time_zone = '+00:00'");
            System.out.printf("%d orders, %d events. Latency in ms: p50 / p95 / p99 / max%n", orders, 2 * orders);
            print(c, "order commit -> Kafka ack (outbox)",
                    "SELECT TIMESTAMPDIFF(MICROSECOND, created_at, sent_at) FROM order_service.outbox_event "
                            + "WHERE sent_at IS NOT NULL");
            print(c, "order commit -> audit-consumer commit",
                    "SELECT TIMESTAMPDIFF(MICROSECOND, occurred_at, recorded_at) FROM audit_consumer.audit_entry");
            print(c, "order commit -> metrics-consumer commit",
                    "SELECT TIMESTAMPDIFF(MICROSECOND, a.occurred_at, p.processed_at) FROM audit_consumer.audit_entry a "
                            + "JOIN metrics_consumer.processed_event p ON p.event_id = a.event_id");
            print(c, "order commit -> visible in both consumers",
                    "SELECT GREATEST(TIMESTAMPDIFF(MICROSECOND, a.occurred_at, a.recorded_at), "
                            + "TIMESTAMPDIFF(MICROSECOND, a.occurred_at, p.processed_at)) FROM audit_consumer.audit_entry a "
                            + "JOIN metrics_consumer.processed_event p ON p.event_id = a.event_id");
        }
        services.forEach((name, service) -> System.out.printf("%s resident memory: %.0f MB%n", name,
                service.residentBytes() / 1048576.0));
    }

    private static void print(Connection c, String what, String microsQuery) throws SQLException {
        List<Long> micros = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(microsQuery)) {
            while (rs.next()) {
                micros.add(rs.getLong(1));
            }
        }
        micros.sort(null);
        if (micros.isEmpty()) {
            System.out.printf("  %-42s no data%n", what);
            return;
        }
        System.out.printf("  %-42s %6.1f / %6.1f / %6.1f / %6.1f  (%d events)%n", what, percentile(micros, 50),
                percentile(micros, 95), percentile(micros, 99), micros.get(micros.size() - 1) / 1000.0, micros.size());
    }

    private static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }


    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0; // a table not migrated yet
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
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
