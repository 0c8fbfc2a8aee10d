package io.orderplatform.localstack.chaos;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Orders over REST at a steady rate, as real clients would send them through faults: each order is created (with an
 * Idempotency-Key), then most are paid, and some cancelled (paid ones are then refunded), so the topic gets
 * OrderCreated, OrderPaid and OrderCancelled events.
 * <p>
 * A request that fails (5xx, connection refused, timeout) is retried with backoff until accepted: a creation with
 * the same Idempotency-Key, so a retry whose first attempt did commit returns that order instead of making a second
 * one. A pay or cancel answered 409 on a retry is checked with a GET: the earlier attempt may have committed before
 * its answer was lost. At most {@value #MAX_IN_FLIGHT} orders are in flight: when requests hang (database frozen),
 * the load waits instead of piling up, and catches up afterwards.
 */
final class OrderLoad {

    /** The kinds of request, each counted on its own. */
    enum Request {
        CREATE, PAY, CANCEL
    }

    /** Share of orders paid; of the paid ones, share cancelled (refunded); of the unpaid ones, share cancelled. */
    private static final double PAID_SHARE = 0.7;
    private static final double REFUNDED_SHARE = 0.15;
    private static final double CANCELLED_UNPAID_SHARE = 0.3;
    /** Events an order makes on average: OrderCreated, OrderPaid for the paid, OrderCancelled for the cancelled. */
    static final double EVENTS_PER_ORDER = 1 + PAID_SHARE + PAID_SHARE * REFUNDED_SHARE
            + (1 - PAID_SHARE) * CANCELLED_UNPAID_SHARE;
    static final int PRODUCTS = 24;
    private static final int CUSTOMERS = 500;
    private static final int MAX_IN_FLIGHT = 32;
    /** A real client's patience for one answer; a frozen database makes requests hang this long. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** After this long without success a request is given up (and counted so): the run must end. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the requests of one kind went. */
    static final class Tally {
        final AtomicLong accepted = new AtomicLong();
        /** Accepted only because a retry found that an earlier attempt had been applied (409 then GET). */
        final AtomicLong acceptedEarlier = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong failedServerError = new AtomicLong();
        final AtomicLong failedIo = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong gaveUp = new AtomicLong();
    }

    private final String ordersUrl;
    private final String runId;
    private final int orders;
    private final int ratePerSecond;
    private final Timeline timeline;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<Request, Tally> tallies = new EnumMap<>(Request.class);
    private final AtomicInteger dispatched = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final String authorization;
    private final AtomicReference<Instant> firstFailure = new AtomicReference<>();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    private volatile Duration took = Duration.ZERO;

    OrderLoad(String orderServiceUrl, String bearerToken, String runId, int orders, int ratePerSecond,
            Timeline timeline) {
        this.ordersUrl = orderServiceUrl + "/orders";
        this.authorization = "Bearer " + bearerToken;
        this.runId = runId;
        this.orders = orders;
        this.ratePerSecond = ratePerSecond;
        this.timeline = timeline;
        for (Request request : Request.values()) {
            tallies.put(request, new Tally());
        }
    }

    /** The product ids of a run: its own, so that the ledger can compare its sales figures alone. */
    static String productId(String runId, int product) {
        return String.format("%s-p%02d", runId, product);
    }

    /** Sends every order, at the rate, and returns when each is done (or given up). */
    void run() throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(MAX_IN_FLIGHT, runnable -> {
            Thread thread = new Thread(runnable, "order-load");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(orders);
        long start = System.nanoTime();
        long nextReport = start + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < orders; i++) {
            long wait = start + (long) (i * (1e9 / ratePerSecond)) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inFlight.acquire();
            int order = i;
            dispatched.incrementAndGet();
            clients.execute(() -> {
                try {
                    placeOrder(order);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    timeline.progress("load: order %d failed unexpectedly: %s", order, e);
                } finally {
                    finished.incrementAndGet();
                    inFlight.release();
                    done.countDown();
                }
            });
            if (System.nanoTime() > nextReport) {
                report();
                nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            }
        }
        while (!done.await(10, TimeUnit.SECONDS)) {
            report();
        }
        clients.shutdown();
        took = Duration.ofNanos(System.nanoTime() - start);
        report();
    }

    Map<Request, Tally> tallies() {
        return tallies;
    }

    Duration took() {
        return took;
    }

    Optional<Instant> firstFailure() {
        return Optional.ofNullable(firstFailure.get());
    }

    Optional<Instant> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    private void report() {
        Tally create = tallies.get(Request.CREATE);
        long failures = tallies.values().stream()
                .mapToLong(t -> t.failedServerError.get() + t.failedIo.get()).sum();
        timeline.progress("load: %d/%d orders sent, %d finished, %d created; failed attempts so far %d (retried)",
                dispatched.get(), orders, finished.get(), create.accepted.get(), failures);
    }

    private void placeOrder(int n) throws InterruptedException {
        // Each order's choices come from its number: the same run arguments make the same orders.
        Random random = new Random(n * 7919L + 17);
        String body = orderBody(n, random);
        HttpRequest create = HttpRequest.newBuilder(URI.create(ordersUrl)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", runId + "-order-" + n)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        Optional<HttpResponse<String>> created = send(Request.CREATE, create, null);
        if (created.isEmpty()) {
            return;
        }
        String orderId = orderId(created.get().body());
        boolean paid = random.nextDouble() < PAID_SHARE;
        boolean cancelled = random.nextDouble() < (paid ? REFUNDED_SHARE : CANCELLED_UNPAID_SHARE);
        if (paid && send(Request.PAY, transition(orderId, "pay"), () -> hasStatus(orderId, "PAID")).isEmpty()) {
            return;
        }
        if (cancelled) {
            send(Request.CANCEL, transition(orderId, "cancel"), () -> hasStatus(orderId, "CANCELLED"));
        }
    }

    private String orderBody(int n, Random random) {
        StringBuilder items = new StringBuilder();
        int lines = 1 + random.nextInt(3);
        for (int line = 0; line < lines; line++) {
            int product = random.nextInt(PRODUCTS);
            if (line > 0) {
                items.append(',');
            }
            items.append(String.format("{\"productId\":\"%s\",\"quantity\":%d,\"unitPrice\":%s}",
                    productId(runId, product), 1 + random.nextInt(5), unitPrice(product).toPlainString()));
        }
        return String.format("{\"customerId\":\"%s-c%03d\",\"items\":[%s]}", runId, n % CUSTOMERS, items);
    }

    /** A fixed price per product, with cents, so revenue sums are exact decimals. */
    private static BigDecimal unitPrice(int product) {
        return BigDecimal.valueOf(150 + product * 75L, 2);
    }

    private HttpRequest transition(String orderId, String action) {
        return HttpRequest.newBuilder(URI.create(ordersUrl + "/" + orderId + "/" + action)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    /** Whether a pay or cancel refused with 409 on a retry had in fact been applied by an earlier attempt. */
    interface EarlierAttemptCheck {
        boolean applied() throws InterruptedException;
    }

    /**
     * Sends until a 2xx (returned) or 4xx (empty: rejected); retries 5xx and I/O errors with backoff and jitter, until
     * {@link #GIVE_UP_AFTER}.
     */
    private Optional<HttpResponse<String>> send(Request kind, HttpRequest request, EarlierAttemptCheck earlierAttempt)
            throws InterruptedException {
        Tally tally = tallies.get(kind);
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        long backoffMillis = FIRST_BACKOFF.toMillis();
        for (int attempt = 1;; attempt++) {
            if (attempt > 1) {
                tally.retries.incrementAndGet();
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status < 300) {
                    tally.accepted.incrementAndGet();
                    return Optional.of(response);
                }
                if (status < 500) {
                    if (attempt > 1 && status == 409 && earlierAttempt != null && earlierAttempt.applied()) {
                        tally.accepted.incrementAndGet();
                        tally.acceptedEarlier.incrementAndGet();
                        return Optional.of(response);
                    }
                    tally.rejected.incrementAndGet();
                    if (tally.rejected.get() <= 3) {
                        timeline.progress("load: %s answered %d: %s", kind, status, abbreviate(response.body()));
                    }
                    return Optional.empty();
                }
                tally.failedServerError.incrementAndGet();
            } catch (IOException e) { // refused, reset, or no answer within REQUEST_TIMEOUT
                tally.failedIo.incrementAndGet();
            }
            Instant now = Instant.now();
            firstFailure.compareAndSet(null, now);
            lastFailure.set(now);
            if (System.nanoTime() > deadline) {
                tally.gaveUp.incrementAndGet();
                return Optional.empty();
            }
            TimeUnit.MILLISECONDS.sleep(backoffMillis / 2 + ThreadLocalRandom.current().nextLong(backoffMillis / 2 + 1));
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
        }
    }

    private boolean hasStatus(String orderId, String status) throws InterruptedException {
        HttpRequest get = HttpRequest.newBuilder(URI.create(ordersUrl + "/" + orderId)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization).build();
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return status.equals(JSON.readTree(response.body()).path("status").asText());
                }
            } catch (IOException e) {
                // retried below
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return false;
    }

    private static String orderId(String body) {
        try {
            JsonNode id = JSON.readTree(body).path("id");
            if (id.isTextual()) {
                return id.asText();
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalStateException("No order id in " + abbreviate(body));
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
