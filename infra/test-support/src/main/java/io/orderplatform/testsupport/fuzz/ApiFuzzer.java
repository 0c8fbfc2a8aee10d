package io.orderplatform.testsupport.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderplatform.testsupport.fuzz.RawHttpClient.RawResponse;

/**
 * Sends generated hostile requests, derived from an application's own OpenAPI document, and checks each answer:
 * <ul>
 * <li>there is one, within {@link #TIMEOUT} per read (no hang);</li>
 * <li>it is no 5xx;</li>
 * <li>a request built to be refused (any method but GET, HEAD and OPTIONS, see {@link HostileRequests}) is not
 * answered 2xx;</li>
 * <li>a 4xx with a body is an RFC 9457 problem ({@code application/problem+json}) whose {@code status} is the
 * answer's. The answers Vert.x writes itself before any routing (413 for a body over the limit, 414 and 431 for a
 * request line or headers too long, 400 for a request it cannot parse) have no body, and pass; those the router
 * refuses (no Host header, say) are problems too, see infra/problem-details' HttpLayerProblems.</li>
 * </ul>
 * The requests come from a {@link Random} with a fixed seed, printed at the start and overridable with
 * {@code -Dfuzz.seed=...}: a failure names the seed and its request's index, and the same seed against the same
 * document sends the same requests again.
 */
public final class ApiFuzzer {

    public static final long DEFAULT_SEED = 20_261_130L;
    public static final String SEED_PROPERTY = "fuzz.seed";
    public static final int DEFAULT_REQUESTS = 2_000;
    public static final String REQUESTS_PROPERTY = "fuzz.requests";
    /** Per read of an answer; far above any answer a working service gives, far below a test's patience. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(ApiFuzzer.class);
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 300;
    /** Relative to the module under test. */
    private static final String REPORT_FILE = "target/api-fuzz-report.txt";

    private final URI baseUri;
    private final long seed;
    private final int requests;
    private final FuzzTokens tokens;

    private ApiFuzzer(URI baseUri, long seed, int requests, FuzzTokens tokens) {
        this.baseUri = baseUri;
        this.seed = seed;
        this.requests = requests;
        this.tokens = tokens;
    }

    /** A fuzzer for an application without authentication, with the seed and request count of the system properties. */
    public static ApiFuzzer of(URI baseUri) {
        return of(baseUri, null);
    }

    /**
     * A fuzzer whose requests carry {@code tokens.valid()} (so they reach the API's validation), plus the requests
     * of {@link Category#AUTHORIZATION}, each with a bad Authorization header, which must be answered 401 problems.
     */
    public static ApiFuzzer of(URI baseUri, FuzzTokens tokens) {
        return new ApiFuzzer(baseUri, Long.getLong(SEED_PROPERTY, DEFAULT_SEED),
                Integer.getInteger(REQUESTS_PROPERTY, DEFAULT_REQUESTS), tokens);
    }

    public FuzzReport run() {
        LOG.infof("API fuzz: seed %d (rerun with -D%s=%d), %d requests against %s", seed, SEED_PROPERTY, seed,
                requests, baseUri);
        ApiDescription api = ApiDescription.fetch(baseUri);
        warmUp(api);
        long started = System.nanoTime();
        HostileRequests generator = new HostileRequests(api, baseUri.getHost() + ":" + baseUri.getPort(), tokens);
        RawHttpClient client = new RawHttpClient(baseUri.getHost(), baseUri.getPort(), TIMEOUT);
        Random random = new Random(seed);
        Map<Integer, Integer> statuses = new TreeMap<>();
        int cutOff = 0;
        List<Finding> findings = new ArrayList<>();
        for (int index = 0; index < requests; index++) {
            HostileRequest request = generator.next(index, random);
            try {
                Optional<RawResponse> answer = client.send(request);
                if (answer.isEmpty()) {
                    cutOff++;
                    continue;
                }
                RawResponse response = answer.get();
                statuses.merge(response.status(), 1, Integer::sum);
                String failure = check(request, response);
                if (failure != null) {
                    findings.add(new Finding(request, failure, response.status(), response.contentType(),
                            response.bodyExcerpt(EXCERPT)));
                }
            } catch (IOException e) {
                findings.add(new Finding(request, "no answer: " + e, 0, "", ""));
            }
        }
        FuzzReport report = new FuzzReport(baseUri, seed, requests, Duration.ofNanos(System.nanoTime() - started),
                statuses, cutOff, findings);
        LOG.info(report.summary());
        writeReport(report);
        return report;
    }

    /** Every finding, in {@value #REPORT_FILE}: an assertion message shows only the first ones. */
    private static void writeReport(FuzzReport report) {
        Path file = Path.of(REPORT_FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, report.describeFindings(Integer.MAX_VALUE) + "\n");
            LOG.infof("API fuzz report: %s", file.toAbsolutePath());
        } catch (IOException e) {
            LOG.warnf("Cannot write the API fuzz report %s: %s", file.toAbsolutePath(), e);
        }
    }

    /**
     * One plain GET per read operation, answers unchecked. The first database call of a fresh application
     * compiles its queries and fills its pool, which takes seconds on a loaded machine, and the services answer a
     * database call slower than their bound with a 503: a cold start must not be mistaken for a hostile request's
     * failure.
     */
    private void warmUp(ApiDescription api) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        for (ApiDescription.Operation operation : api.operations()) {
            if (operation.method().equals("GET")) {
                URI uri = baseUri.resolve(operation.path().replaceAll("\\{[^}]*}", "1"));
                try {
                    HttpRequest.Builder warmUp = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
                    if (tokens != null) {
                        warmUp.header("Authorization", "Bearer " + tokens.valid());
                    }
                    client.send(warmUp.build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    LOG.debugf("Warm-up GET %s: %s", uri, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while warming up " + uri, e);
                }
            }
        }
    }

    /** What is wrong with the answer to this request, or null. */
    private static String check(HostileRequest request, RawResponse response) {
        int status = response.status();
        if (status >= 500) {
            return "server error " + status;
        }
        if (request.category() == Category.AUTHORIZATION) {
            if (status != 401) {
                return "answered " + status + " to a bad Authorization header: must be 401";
            }
            if (!response.header("www-authenticate").startsWith("Bearer")) {
                return "a 401 without WWW-Authenticate: Bearer";
            }
            return response.body().length == 0 ? "a 401 without a problem body" : problemDetailsFailure(response);
        }
        if (status >= 200 && status < 300 && request.mustBeRejected()) {
            return "accepted (" + status + ") although built to be refused: the API's validation let it through";
        }
        if (status >= 400 && response.body().length > 0) {
            return problemDetailsFailure(response);
        }
        return null;
    }

    private static String problemDetailsFailure(RawResponse response) {
        if (!response.contentType().toLowerCase(Locale.ROOT).startsWith(PROBLEM_JSON)) {
            return "a " + response.status() + " with a body that is not " + PROBLEM_JSON + " but '"
                    + response.contentType() + "'";
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem.path("status").asInt() != response.status()) {
                return "a problem whose status member (" + problem.path("status") + ") is not the answer's";
            }
            return null;
        } catch (IOException e) {
            return "a " + PROBLEM_JSON + " body that is not JSON";
        }
    }

    /** A request whose answer failed a check, with what the check saw. */
    public record Finding(HostileRequest request, String failure, int status, String contentType, String body) {

        @Override
        public String toString() {
            return request.describe() + "\n  -> " + failure
                    + (status == 0 ? "" : "\n  answer: " + status + " " + contentType + " " + body.replace("\n", " "));
        }
    }

    /**
     * What a run sent and found.
     *
     * @param cutOff requests the server stopped reading and closed without an answer (a body over its limit)
     */
    public record FuzzReport(URI baseUri, long seed, int requests, Duration duration, Map<Integer, Integer> statuses,
            int cutOff, List<Finding> findings) {

        public FuzzReport {
            statuses = Map.copyOf(statuses);
            findings = List.copyOf(findings);
        }

        public String summary() {
            return String.format(Locale.ROOT, "API fuzz: %d requests (seed %d) in %.1f s against %s: statuses %s, "
                    + "%d cut off by the server while sending, %d findings", requests, seed,
                    duration.toMillis() / 1000.0, baseUri, new TreeMap<>(statuses), cutOff, findings.size());
        }

        /** The summary and the first findings, for an assertion message. */
        public String describeFindings(int max) {
            StringBuilder text = new StringBuilder(summary()).append(" (rerun with -D").append(SEED_PROPERTY)
                    .append('=').append(seed).append(")");
            findings.stream().limit(max).forEach(finding -> text.append("\n\n").append(finding));
            if (findings.size() > max) {
                text.append("\n\n... and ").append(findings.size() - max).append(" more");
            }
            return text.toString();
        }
    }
}
