package io.orderplatform.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderplatform.contract.Roles;

/**
 * End-to-end latency at moderate load, everything local: orders are created and paid over REST at a steady rate;
 * afterwards the databases tell how long each event took from its order's commit to the Kafka ack (the outbox row's
 * {@code created_at} to {@code sent_at}) and to each consumer's commit (the audit entry's {@code recorded_at}, the
 * metrics consumer's {@code processed_at}). Also prints each service's resident memory. Prints figures; it is not a
 * test. Run through {@code infra/bin/bench-latency}.
 */
public final class LatencyBenchmark {

    /** The latency from an order's commit until both consumers applied its event: what a reader of both waits. */
    public static final String VISIBLE_IN_BOTH = "order commit -> visible in both consumers";
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
        Path work = BenchmarkStack.newWorkDir("latency-");
        System.out.printf("Latency benchmark: %d orders/s (each created, then paid) for %d s; work dir %s%n",
                ratePerSecond, seconds, work);
        try (BenchmarkStack stack = BenchmarkStack.start(work)) {
            Map<String, ServiceProcess> services = new LinkedHashMap<>();
            for (String name : LocalStack.SERVICES.keySet()) {
                services.put(name, stack.startService(name));
            }
            for (ServiceProcess service : services.values()) {
                service.awaitReady(Duration.ofSeconds(180));
            }
            Map<String, List<Long>> latencies = measure(stack, services.get("order-service"), ratePerSecond, seconds);
            System.out.printf("%d orders, %d events. Latency in ms: p50 / p95 / p99 / max%n", ratePerSecond * seconds,
                    2 * ratePerSecond * seconds);
            latencies.forEach(LatencyBenchmark::print);
            services.forEach((name, service) -> System.out.printf("%s resident memory: %.0f MB%n", name,
                    service.residentBytes() / 1048576.0));
        }
    }

    /**
     * With the whole platform running and ready: a 5 s warm-up (not measured), then {@code rate} orders a second,
     * each created and paid, for {@code seconds}; waits until both consumers applied every event. Returns, by what
     * was measured (see {@link #VISIBLE_IN_BOTH}), the latencies in microseconds, sorted.
     */
    public static Map<String, List<Long>> measure(BenchmarkStack stack, ServiceProcess orderService, int rate,
            int seconds) throws Exception {
        String orders = orderService.url() + "/orders";
        // orders:read too: the orders are placed for many customers, as a back office does, not by one customer.
        authorization = "Bearer " + stack.identity().mint("bench-latency", List.of(Roles.ORDERS_WRITE,
                Roles.ORDERS_READ), Duration.ofDays(1));
        int warmUpRate = Math.max(rate, 5);
        awaitConsumed(stack.db(), () -> load(orders, warmUpRate, 5));
        try (Connection c = stack.db().adminConnection("")) {
            exec(c, "DELETE FROM order_service.outbox_event WHERE sent_at IS NOT NULL");
            exec(c, "DELETE FROM audit_consumer.audit_entry");
        }
        awaitConsumed(stack.db(), () -> load(orders, rate, seconds));
        return latencies(stack.db());
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

    /**
     * Creates and pays orders through {@code load}, then waits until both consumers applied its events: counted from
     * before the load, so that events of an earlier phase do not count.
     */
    private static void awaitConsumed(LocalMariaDb db, LoadOfOrders load) throws Exception {
        String audit = "SELECT COUNT(*) FROM audit_consumer.processed_event";
        String metrics = "SELECT COUNT(*) FROM metrics_consumer.processed_event";
        try (Connection c = db.adminConnection("")) {
            long auditBefore = EventBacklog.count(c, audit);
            long metricsBefore = EventBacklog.count(c, metrics);
            long events = 2L * load.place();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline) {
                if (EventBacklog.count(c, audit) - auditBefore >= events
                        && EventBacklog.count(c, metrics) - metricsBefore >= events) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            throw new IllegalStateException("The consumers did not apply " + events + " events within 5 minutes");
        }
    }

    /** Places orders; returns how many. */
    @FunctionalInterface
    private interface LoadOfOrders {
        int place() throws Exception;
    }

    /** The latencies of the events since the warm-up, in microseconds, sorted, by what they measure. */
    private static Map<String, List<Long>> latencies(LocalMariaDb db) throws SQLException {
        Map<String, List<Long>> latencies = new LinkedHashMap<>();
        try (Connection c = db.adminConnection("")) {
            exec(c, "SET time_zone = '+00:00'");
            latencies.put("order commit -> Kafka ack (outbox)", micros(c,
                    "SELECT TIMESTAMPDIFF(MICROSECOND, created_at, sent_at) FROM order_service.outbox_event "
                            + "WHERE sent_at IS NOT NULL"));
            latencies.put("order commit -> audit-consumer commit", micros(c,
                    "SELECT TIMESTAMPDIFF(MICROSECOND, occurred_at, recorded_at) FROM audit_consumer.audit_entry"));
            latencies.put("order commit -> metrics-consumer commit", micros(c,
                    "SELECT TIMESTAMPDIFF(MICROSECOND, a.occurred_at, p.processed_at) FROM audit_consumer.audit_entry a "
                            + "JOIN metrics_consumer.processed_event p ON p.event_id = a.event_id"));
            latencies.put(VISIBLE_IN_BOTH, micros(c,
                    "SELECT GREATEST(TIMESTAMPDIFF(MICROSECOND, a.occurred_at, a.recorded_at), "
                            + "TIMESTAMPDIFF(MICROSECOND, a.occurred_at, p.processed_at)) FROM audit_consumer.audit_entry a "
                            + "JOIN metrics_consumer.processed_event p ON p.event_id = a.event_id"));
        }
        return latencies;
    }

    private static List<Long> micros(Connection c, String microsQuery) throws SQLException {
        List<Long> micros = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(microsQuery)) {
            while (rs.next()) {
                micros.add(rs.getLong(1));
            }
        }
        micros.sort(null);
        return micros;
    }

    static void print(String what, List<Long> sortedMicros) {
        if (sortedMicros.isEmpty()) {
            System.out.printf("  %-42s no data%n", what);
            return;
        }
        System.out.printf("  %-42s %6.1f / %6.1f / %6.1f / %6.1f  (%d events)%n", what,
                Percentiles.of(sortedMicros, 50) / 1000.0, Percentiles.of(sortedMicros, 95) / 1000.0,
                Percentiles.of(sortedMicros, 99) / 1000.0, sortedMicros.get(sortedMicros.size() - 1) / 1000.0,
                sortedMicros.size());
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
