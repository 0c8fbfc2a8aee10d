package io.orderplatform.localstack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

import io.orderplatform.contract.Roles;

/**
 * Load on order-service's intake: the Java generator of {@code infra/bin/bench-intake}, which uses wrk (with
 * {@code infra/bin/bench-intake.lua}) when it is installed; both send the same kind of orders and print the same
 * lines. POST /orders with valid, varied bodies from N connections in a closed loop: each connection sends its next
 * order as soon as the previous one is answered. A warm-up (not measured), then the measured period; at the end of
 * each, a connection finishes the request in hand rather than dropping it. Runs against an already running
 * order-service; it prints figures, it is not a test.
 */
public final class IntakeBenchmark {

    private static final String USAGE = "usage: IntakeBenchmark [--url http://localhost:8080] [--seconds 20]"
            + " [--warmup-seconds 10] [--connections 16] [--timeout-seconds 10] [--largest]";
    private static final int PRODUCTS = 50;
    private static final int MAX_LINES = 5;
    private static final int MAX_QUANTITY = 5;
    /** After a failed request, so that a refused connection does not turn a connection's loop into a busy spin. */
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofMillis(100);

    private final URI ordersUri;
    /** API_TOKEN (infra/bin/bench-intake passes its token), else minted with the local stack's key. */
    private final String authorization = "Bearer " + LocalIdentityProvider.toolToken(
            LocalIdentityProvider.localStackKeys(), "bench-intake", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    private final int connections;
    /** Every order the largest valid one (100 lines, 64-character product ids), to size memory. */
    private final boolean largest;
    private final Duration timeout;
    private final HttpClient http;
    /** Makes every order's customer id distinct, within a run and from one run to the next. */
    private final String runTag = Long.toString(System.currentTimeMillis() / 1000);
    private final AtomicLong ordersSent = new AtomicLong();

    private IntakeBenchmark(String baseUrl, int connections, Duration timeout, boolean largest) {
        this.ordersUri = URI.create(baseUrl.replaceAll("/+$", "") + "/orders");
        this.connections = connections;
        this.largest = largest;
        this.timeout = timeout;
        // HTTP/1.1 as wrk speaks it: one request at a time per connection, so N connections are N requests in flight.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public static void main(String[] args) throws InterruptedException {
        String url = "http://localhost:8080";
        int seconds = 20;
        int warmupSeconds = 10;
        int connections = 16;
        int timeoutSeconds = 10;
        boolean largest = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--largest")) {
                largest = true;
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(USAGE);
            }
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--timeout-seconds" -> timeoutSeconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException(USAGE);
            }
        }
        IntakeBenchmark benchmark = new IntakeBenchmark(url, connections, Duration.ofSeconds(timeoutSeconds), largest);
        if (warmupSeconds > 0) {
            System.out.printf("warm-up:     %d s, not measured%n", warmupSeconds);
            benchmark.load(Duration.ofSeconds(warmupSeconds));
        }
        System.out.printf("measuring:   %d s%n", seconds);
        long start = System.nanoTime();
        Tally measured = benchmark.load(Duration.ofSeconds(seconds));
        printSummary(measured, Duration.ofNanos(System.nanoTime() - start));
    }

    /** What the requests of one connection, or of all together, came to. */
    private static final class Tally {
        /** Latency of answered requests, in microseconds; grows as needed, 3 significant digits. */
        final Histogram latencyMicros = new Histogram(3);
        /** Answered requests, whatever their status. */
        long requests;
        final Map<Integer, Long> non2xxByStatus = new TreeMap<>();
        long connectErrors;
        long readWriteErrors;
        long timeouts;

        void add(Tally other) {
            latencyMicros.add(other.latencyMicros);
            requests += other.requests;
            other.non2xxByStatus.forEach((status, count) -> non2xxByStatus.merge(status, count, Long::sum));
            connectErrors += other.connectErrors;
            readWriteErrors += other.readWriteErrors;
            timeouts += other.timeouts;
        }

        long errors() {
            return connectErrors + readWriteErrors + timeouts;
        }
    }

    /** Every connection sends orders, one after the other, for {@code length}; returns what they came to. */
    private Tally load(Duration length) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        List<Callable<Tally>> loops = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            loops.add(() -> sendUntil(end));
        }
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            Tally total = new Tally();
            for (Future<Tally> loop : pool.invokeAll(loops)) {
                total.add(loop.get());
            }
            return total;
        } catch (ExecutionException e) {
            throw new IllegalStateException("A connection's loop failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Tally sendUntil(long endNanos) throws InterruptedException {
        Tally tally = new Tally();
        while (System.nanoTime() < endNanos) {
            HttpRequest request = HttpRequest.newBuilder(ordersUri).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(orderBody())).build();
            long sent = System.nanoTime();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                tally.latencyMicros.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent));
                tally.requests++;
                if (status < 200 || status > 299) {
                    tally.non2xxByStatus.merge(status, 1L, Long::sum);
                }
                continue;
            } catch (ConnectException | HttpConnectTimeoutException e) {
                tally.connectErrors++;
            } catch (HttpTimeoutException e) {
                tally.timeouts++;
            } catch (IOException e) { // reset, closed before the answer
                tally.readWriteErrors++;
            }
            TimeUnit.MILLISECONDS.sleep(PAUSE_AFTER_ERROR.toMillis());
        }
        return tally;
    }

    /**
     * A valid order of 1 to 5 lines (or the largest valid one) for a customer of its own; the same products and
     * prices as bench-intake.lua.
     */
    private String orderBody() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder items = new StringBuilder();
        int lines = largest ? 100 : 1 + random.nextInt(MAX_LINES);
        for (int line = 0; line < lines; line++) {
            int product = 1 + random.nextInt(PRODUCTS);
            // A fixed price per product, in cents, so amounts are exact decimals.
            int cents = 150 + product * 75;
            if (line > 0) {
                items.append(',');
            }
            String id = String.format("bench-p%02d", product);
            if (largest) {
                id = id + "x".repeat(64 - id.length());
            }
            items.append(String.format("{\"productId\":\"%s\",\"quantity\":%d,\"unitPrice\":%d.%02d}",
                    id, 1 + random.nextInt(MAX_QUANTITY), cents / 100, cents % 100));
        }
        return String.format("{\"customerId\":\"bench-%s-%d\",\"items\":[%s]}", runTag,
                ordersSent.incrementAndGet(), items);
    }

    /** The same lines, in the same format, as done() in bench-intake.lua: infra/bin/bench-intake reads them. */
    private static void printSummary(Tally tally, Duration took) {
        double seconds = took.toNanos() / 1e9;
        long non2xx = tally.non2xxByStatus.values().stream().mapToLong(Long::longValue).sum();
        String byStatus = tally.non2xxByStatus.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
        System.out.printf("requests:    %d%n", tally.requests);
        System.out.printf("duration:    %.1f s%n", seconds);
        System.out.printf("throughput:  %.1f req/s%n", tally.requests / seconds);
        System.out.printf("latency:     p50 %.1f ms, p99 %.1f ms, p999 %.1f ms, max %.1f ms%n",
                millis(tally, 50), millis(tally, 99), millis(tally, 99.9), tally.latencyMicros.getMaxValue() / 1000.0);
        System.out.printf("non-2xx:     %d%s%n", non2xx, non2xx > 0 ? byStatus : "");
        System.out.printf("errors:      %d (connect %d, read/write %d, timeout %d)%n", tally.errors(),
                tally.connectErrors, tally.readWriteErrors, tally.timeouts);
    }

    private static double millis(Tally tally, double percentile) {
        return tally.latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
