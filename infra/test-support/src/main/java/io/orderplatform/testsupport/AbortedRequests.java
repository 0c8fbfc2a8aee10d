package io.orderplatform.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.restassured.RestAssured;

/**
 * Clients that give up: each sends a complete HTTP request, waits for the answer up to a short random deadline, and
 * if none came resets the connection (SO_LINGER 0: a TCP RST, what a killed client or a load balancer's timeout
 * does). The server meets the disconnect while the request's work is in flight, which is when a cancelled database
 * session leaks its connection and transaction.
 */
public final class AbortedRequests {

    /** What happened to the requests sent. */
    public record Outcome(int abortedInFlight, int answered, int closedByServer, long seed) {
    }

    private enum Ending {
        ABORTED_IN_FLIGHT, ANSWERED, CLOSED_BY_SERVER
    }

    private final URI base;
    private final int concurrency;
    private final int maxDeadlineMillis;
    private final long seed;
    /** The bearer token every request carries, or null for none. */
    private final String token;

    /**
     * @param base the application's base URI (RestAssured's, e.g. http://localhost:PORT)
     * @param concurrency clients at once
     * @param maxDeadlineMillis the longest a client waits for its answer before resetting the connection
     * @param seed the deadlines' random seed (printed, for a rerun with the same timings)
     */
    public AbortedRequests(URI base, int concurrency, int maxDeadlineMillis, long seed) {
        this(base, concurrency, maxDeadlineMillis, seed, null);
    }

    private AbortedRequests(URI base, int concurrency, int maxDeadlineMillis, long seed, String token) {
        this.base = base;
        this.concurrency = concurrency;
        this.maxDeadlineMillis = maxDeadlineMillis;
        this.seed = seed;
        this.token = token;
    }

    /** The same clients, each request with {@code Authorization: Bearer token} (see {@link Tokens}). */
    public AbortedRequests withBearer(String token) {
        return new AbortedRequests(base, concurrency, maxDeadlineMillis, seed, token);
    }

    /** Clients of the application under test (RestAssured's base URI and port). */
    public static AbortedRequests ofApplicationUnderTest(int concurrency, int maxDeadlineMillis, long seed) {
        return new AbortedRequests(URI.create(RestAssured.baseURI + ":" + RestAssured.port), concurrency,
                maxDeadlineMillis, seed);
    }

    /** A raw GET request, without the Host header (added when sent). */
    public static String get(String pathAndQuery) {
        return "GET " + pathAndQuery + " HTTP/1.1\r\n\r\n";
    }

    /** A raw POST request with a JSON body, without the Host header (added when sent). */
    public static String postJson(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /**
     * Sends requests until {@code aborted} of them were reset before their answer arrived.
     *
     * @param request the raw HTTP/1.1 request for the i-th attempt, without the Host header
     */
    public Outcome abort(int aborted, IntFunction<String> request) {
        System.out.printf("Aborted requests: seed %d, %d clients, deadlines up to %d ms%n", seed, concurrency,
                maxDeadlineMillis);
        AtomicInteger abortedSoFar = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger closedByServer = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < concurrency; client++) {
                Random random = new Random(seed + client);
                running.add(clients.submit(() -> {
                    while (abortedSoFar.get() < aborted) {
                        int attempt = attempts.getAndIncrement();
                        switch (sendAndMaybeAbort(request.apply(attempt), 1 + random.nextInt(maxDeadlineMillis))) {
                            case ABORTED_IN_FLIGHT -> abortedSoFar.incrementAndGet();
                            case ANSWERED -> answered.incrementAndGet();
                            case CLOSED_BY_SERVER -> closedByServer.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("An aborting client failed", e);
        } finally {
            clients.shutdownNow();
        }
        return new Outcome(abortedSoFar.get(), answered.get(), closedByServer.get(), seed);
    }

    private Ending sendAndMaybeAbort(String request, int deadlineMillis) throws IOException {
        String withHost = request.replaceFirst("\r\n", "\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + (token == null ? "" : Tokens.AUTHORIZATION + ": " + Tokens.bearer(token) + "\r\n"));
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoLinger(true, 0);
            socket.setSoTimeout(deadlineMillis);
            socket.getOutputStream().write(withHost.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            try {
                return in.read() < 0 ? Ending.CLOSED_BY_SERVER : Ending.ANSWERED;
            } catch (SocketTimeoutException inFlight) {
                return Ending.ABORTED_IN_FLIGHT;
            }
        } finally {
            socket.close(); // with SO_LINGER 0: a reset, never a graceful close
        }
    }
}
