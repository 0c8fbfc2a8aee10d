package io.orderplatform.localstack.chaos;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.localstack.LocalIdentityProvider;
import io.orderplatform.localstack.LocalStack;
import io.orderplatform.localstack.chaos.OrderLoad.Request;
import io.orderplatform.localstack.chaos.OrderLoad.Tally;
import io.orderplatform.localstack.chaos.RecordInjector.Poison;

/**
 * A chaos run against the running local stack (infra/bin/run-local): orders over REST at a steady rate while
 * brokers, consumers and the database are killed or frozen and bad and repeated records are put on the topic; then,
 * once everything has caught up, a ledger of what became of every event. Prints figures; it is not a test. Run
 * through {@code infra/bin/chaos}.
 * <p>
 * Exit code 0 when no event was lost or applied twice, no valid event was dead-lettered, and every poison record
 * reached both dead-letter topics (and every fault happened as planned); 1 otherwise; 2 when the stack is not up.
 */
public final class ChaosRun {

    private static final String USAGE = """
            usage: infra/bin/chaos [--orders N] [--rate ORDERS_PER_S] [--db-outage SECONDS] [--db-freeze SECONDS]
                                   [--skip-faults] [--data-dir DIR]
              --orders N           orders to create over REST (default 20000); most are paid, some cancelled
              --rate R             orders started per second (default 100)
              --db-outage S        seconds MariaDB stays down after its SIGKILL (default 60)
              --db-freeze S        seconds MariaDB stays frozen by SIGSTOP (default 60)
              --skip-faults        a dry run: the load and the ledger, no fault and no injected record
              --data-dir DIR       the stack's data folder (default infra/local-stack/data)
            Needs the local stack running: infra/bin/run-local, in another terminal.""";
    private static final Duration OUTBOX_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration CATCH_UP_STALL = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Options(int orders, int rate, Duration databaseOutage, Duration databaseFreeze, boolean skipFaults,
            Path dataDir) {
    }

    /** What the run did, for the ledger. */
    private record Phases(String runId, Instant started, OrderLoad load, RecordInjector injector, FaultSequence faults,
            Duration faultsTook, Optional<Duration> outboxSent, CatchUp.Result caughtUp, Duration catchUpTook) {
    }

    private ChaosRun() {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Optional<RunningStack> found = RunningStack.find(options.dataDir());
        if (found.isEmpty()) {
            System.err.println("The local stack is not running (no live stack.pid in " + options.dataDir() + ").\n"
                    + "Start it first, in another terminal: infra/bin/run-local   (then wait for 'Local stack up')");
            System.exit(2);
        }
        RunningStack stack = found.get();
        List<String> problems = stack.problems();
        if (!problems.isEmpty()) {
            System.err.println("The local stack (pid " + stack.pid() + ") is not fully up:\n  - "
                    + String.join("\n  - ", problems)
                    + "\nWait for run-local to print 'Local stack up', or restart it (infra/bin/stop-local, infra/bin/run-local).");
            System.exit(2);
        }
        System.exit(run(stack, options));
    }

    private static int run(RunningStack stack, Options options) throws Exception {
        String runId = "chaos-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Timeline timeline = new Timeline();
        Instant started = Instant.now();
        Duration loadTakes = Duration.ofMillis(1000L * options.orders() / options.rate());
        Duration faultsTake = FaultSequence.estimatedDuration(options.databaseOutage(), options.databaseFreeze());
        announce(stack, options, runId, loadTakes, faultsTake);
        RecordInjector injector = options.skipFaults() ? null
                : new RecordInjector(stack.kafkaClientConfig(), runId, timeline,
                        options.orders() * OrderLoad.EVENTS_PER_ORDER,
                        loadTakes.compareTo(faultsTake) > 0 ? loadTakes : faultsTake);

        Map<String, Map<TopicPartition, Long>> deadLettersFrom = deadLetterEnds(stack);
        if (injector != null) {
            injector.start();
        }
        OrderLoad load = new OrderLoad(stack.serviceUrl("order-service"),
                LocalIdentityProvider.toolToken(options.dataDir().resolve("jwt"), "chaos-run", Roles.ORDERS_WRITE,
                        Roles.ORDERS_READ), runId, options.orders(), options.rate(),
                timeline);
        Thread loadThread = new Thread(() -> {
            try {
                load.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "order-load-dispatcher");
        timeline.fault("load starts: %,d orders at %d/s", options.orders(), options.rate());
        loadThread.start();

        FaultSequence faults = null;
        Duration faultsTook = Duration.ZERO;
        if (!options.skipFaults()) {
            faults = new FaultSequence(stack, timeline, options.databaseOutage(), options.databaseFreeze());
            FaultSequence undo = faults;
            Runtime.getRuntime().addShutdownHook(new Thread(undo::undo, "chaos-undo"));
            long faultsStarted = System.nanoTime();
            faults.run();
            faultsTook = Duration.ofNanos(System.nanoTime() - faultsStarted);
            timeline.fault("faults done%s", loadThread.isAlive() ? "; the load goes on" : "");
        }
        loadThread.join();
        timeline.fault("load done in %s", Timeline.seconds(load.took()));
        if (injector != null) { // after the faults too: the injected records go on while faults last
            injector.finish();
            injector.close();
        }

        CatchUp catchUp = new CatchUp(stack, timeline);
        long catchUpStarted = System.nanoTime();
        Optional<Duration> outboxSent = catchUp.awaitOutboxSent(OUTBOX_TIMEOUT);
        CatchUp.Result caughtUp = catchUp.awaitConsumers(CATCH_UP_TIMEOUT, CATCH_UP_STALL);
        Duration catchUpTook = Duration.ofNanos(System.nanoTime() - catchUpStarted);

        RunRecords records = readRecords(stack, runId, deadLettersFrom);
        return report(stack, options, timeline, records, new Phases(runId, started, load, injector, faults, faultsTook,
                outboxSent, caughtUp, catchUpTook));
    }

    /** Prints the ledger; returns the exit code. */
    private static int report(RunningStack stack, Options options, Timeline timeline, RunRecords records, Phases run)
            throws InterruptedException {
        String runId = run.runId();
        OrderLoad load = run.load();
        RecordInjector injector = run.injector();
        List<Poison> poisons = injector == null ? List.of() : injector.poisons();
        Ledger ledger = new Ledger(records, poisons);
        CatchUp.Result caughtUp = run.caughtUp();

        StringBuilder out = new StringBuilder();
        out.append(String.format("%n==================================== LEDGER %s ====================================%n",
                runId));
        printOrders(out, load, records);
        out.append(run.outboxSent().map(waited -> String.format("Outbox relay: every event sent %s after the load ended%n",
                Timeline.seconds(waited))).orElse(String.format("Outbox relay: events still unsent %s after the load"
                        + " ended%n", Timeline.seconds(OUTBOX_TIMEOUT))));
        printInjected(out, injector, poisons, records.outbox.size());
        ledger.print(out);
        out.append(String.format("%nConsumer groups on %s (catch-up: %s)%n", Topics.ORDER_EVENTS, caughtUp.how()));
        for (CatchUp.GroupState group : caughtUp.groups()) {
            out.append(String.format("  %-17s lag %,d, state %s, %d members%n", group.group(), group.lag(),
                    group.state(), group.members()));
        }
        out.append("\nHealth at the end\n");
        for (String service : LocalStack.SERVICES.keySet()) {
            out.append(String.format("  %-17s live %s; ready %s%n", service,
                    health(stack, service, "live"), health(stack, service, "ready")));
        }
        out.append("\nFault timeline\n");
        timeline.faults().forEach(line -> out.append("  ").append(line).append('\n'));
        List<String> faultFailures = run.faults() == null ? List.of() : run.faults().failures();
        Duration total = Duration.between(run.started(), Instant.now());
        out.append(String.format("%nTime taken: %s in all; load %s (%.1f orders/s); faults %s; catch-up %s%n",
                Timeline.seconds(total), Timeline.seconds(load.took()),
                options.orders() / Math.max(0.001, load.took().toMillis() / 1000.0), Timeline.seconds(run.faultsTook()),
                Timeline.seconds(run.catchUpTook())));

        List<String> verdict = new ArrayList<>(ledger.verdict());
        faultFailures.forEach(failure -> verdict.add("fault not as planned: " + failure));
        long ordersMadeTwice = records.orders.size() - load.tallies().get(Request.CREATE).accepted.get();
        if (ordersMadeTwice > 0) {
            verdict.add(ordersMadeTwice + " orders more in order_service than accepted: a retry made a second order");
        }
        if (verdict.isEmpty()) {
            out.append("\nRESULT: OK: no event lost or applied twice, no valid event dead-lettered, every poison record"
                    + " in both dead-letter topics\n");
        } else {
            out.append("\nRESULT: FAILED\n");
            verdict.forEach(problem -> out.append("  - ").append(problem).append('\n'));
        }
        System.out.print(out);
        return verdict.isEmpty() ? 0 : 1;
    }

    private static void announce(RunningStack stack, Options options, String runId, Duration loadTakes,
            Duration faultsTake) {
        System.out.printf("Chaos run %s against the local stack (pid %d): %,d orders at %d/s; %s%n", runId,
                stack.pid(), options.orders(), options.rate(), options.skipFaults() ? "no faults (dry run)"
                        : "faults: broker SIGKILL, metrics-consumer SIGKILL, audit-consumer SIGKILL, MariaDB SIGKILL for "
                                + Timeline.seconds(options.databaseOutage()) + ", MariaDB SIGSTOP for "
                                + Timeline.seconds(options.databaseFreeze()) + "; 1 % poison, 10 % duplicates");
        if (!options.skipFaults() && loadTakes.compareTo(faultsTake) < 0) {
            System.out.printf("Note: the load lasts about %s, the faults about %s: the last faults will meet no REST"
                    + " traffic, only the injected records (spread over the faults). For load during every fault:"
                    + " --orders %d at --rate %d.%n", Timeline.seconds(loadTakes), Timeline.seconds(faultsTake),
                    faultsTake.toSeconds() * options.rate(), options.rate());
        }
    }

    private static void printOrders(StringBuilder out, OrderLoad load, RunRecords records) {
        Map<Request, Tally> tallies = load.tallies();
        out.append(String.format("%-44s %10s %10s %10s%n", "Requests to order-service", "create", "pay", "cancel"));
        List<Map.Entry<String, Function<Tally, Long>>> rows = List.of(
                Map.entry("accepted (2xx)", t -> t.accepted.get()),
                Map.entry("  of which done by an earlier attempt", t -> t.acceptedEarlier.get()),
                Map.entry("rejected (4xx)", t -> t.rejected.get()),
                Map.entry("failed attempts: 5xx", t -> t.failedServerError.get()),
                Map.entry("failed attempts: I/O error or timeout", t -> t.failedIo.get()),
                Map.entry("retries (same Idempotency-Key on create)", t -> t.retries.get()),
                Map.entry("given up (no success within 5 min)", t -> t.gaveUp.get()));
        for (Map.Entry<String, Function<Tally, Long>> row : rows) {
            out.append(String.format("  %-42s %,10d %,10d %,10d%n", row.getKey(),
                    row.getValue().apply(tallies.get(Request.CREATE)), row.getValue().apply(tallies.get(Request.PAY)),
                    row.getValue().apply(tallies.get(Request.CANCEL))));
        }
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
        out.append(load.firstFailure().map(first -> String.format("  failed attempts between %s and %s%n",
                clock.format(first), clock.format(load.lastFailure().orElse(first)))).orElse("  no failed attempt\n"));
        Map<String, Long> byStatus = records.orders.values().stream()
                .collect(Collectors.groupingBy(RunRecords.Order::status, TreeMap::new, Collectors.counting()));
        long refunded = records.orders.values().stream().filter(RunRecords.Order::refunded).count();
        long accepted = tallies.get(Request.CREATE).accepted.get();
        out.append(String.format("Orders accepted: %,d; in order_service for this run: %,d %s, %,d refunded; "
                + "made twice by a retry: %,d%n%n", accepted, records.orders.size(), byStatus, refunded,
                Math.max(0, records.orders.size() - accepted)));
    }

    private static void printInjected(StringBuilder out, RecordInjector injector, List<Poison> poisons,
            int runEvents) {
        if (injector == null) {
            out.append("Records injected on order-events: none (dry run)\n\n");
            return;
        }
        long events = Math.max(1, runEvents);
        Map<RecordInjector.PoisonKind, Long> kinds = poisons.stream().collect(Collectors.groupingBy(Poison::kind,
                () -> new java.util.EnumMap<>(RecordInjector.PoisonKind.class), Collectors.counting()));
        out.append(String.format("Records injected on %s beside the run's %,d events: %,d duplicates (%.1f %%), %,d "
                + "poison (%.1f %%); %d sends failed%n", Topics.ORDER_EVENTS, runEvents, injector.duplicates(),
                100.0 * injector.duplicates() / events, poisons.size(), 100.0 * poisons.size() / events,
                injector.failedSends()));
        out.append("  poison kinds: ").append(kinds.entrySet().stream()
                .map(e -> e.getKey().description + " " + e.getValue()).collect(Collectors.joining(", ")))
                .append("\n\n");
    }

    /**
     * "UP", or "DOWN (the checks that are down)", or what answered instead. A health check that is not UP is asked
     * again a few times: right after a database restart a check may fail once on a stale connection, and a transient
     * DOWN must not read like a stuck service.
     */
    private static String health(RunningStack stack, String service, String kind) throws InterruptedException {
        String first = healthOnce(stack, service, kind);
        String last = first;
        for (int attempt = 1; attempt <= 3 && !"UP".equals(last); attempt++) {
            TimeUnit.SECONDS.sleep(5);
            last = healthOnce(stack, service, kind);
        }
        return first.equals(last) ? last : last + ", after " + first;
    }

    private static String healthOnce(RunningStack stack, String service, String kind) {
        Optional<HttpResponse<String>> response = stack.get(stack.serviceUrl(service) + "/q/health/" + kind);
        if (response.isEmpty()) {
            return "no answer";
        }
        try {
            JsonNode health = JSON.readTree(response.get().body());
            String status = health.path("status").asText("?");
            List<String> down = new ArrayList<>();
            health.path("checks").forEach(check -> {
                if (!"UP".equals(check.path("status").asText())) {
                    String data = check.has("data") ? " " + check.get("data") : "";
                    down.add(check.path("name").asText() + (data.length() > 600 ? data.substring(0, 600) + "..." : data));
                }
            });
            return status + (down.isEmpty() ? "" : " (" + String.join("; ", down) + ")");
        } catch (IOException e) {
            return "HTTP " + response.get().statusCode();
        }
    }

    /** Where each dead-letter topic ends now: the ledger counts only what is written after this. */
    private static Map<String, Map<TopicPartition, Long>> deadLetterEnds(RunningStack stack)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, String> topics = Map.of(Ledger.METRICS, Topics.METRICS_DLQ, Ledger.AUDIT, Topics.AUDIT_DLQ);
        Map<String, Map<TopicPartition, Long>> ends = new LinkedHashMap<>();
        try (Admin admin = stack.admin()) {
            for (Map.Entry<String, String> group : topics.entrySet()) {
                List<TopicPartition> partitions = admin.describeTopics(List.of(group.getValue())).allTopicNames()
                        .get(15, TimeUnit.SECONDS).get(group.getValue()).partitions().stream()
                        .map(p -> new TopicPartition(group.getValue(), p.partition())).toList();
                Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
                admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all().get(15, TimeUnit.SECONDS).forEach((p, info) -> offsets.put(p, info.offset()));
                ends.put(group.getKey(), offsets);
            }
        }
        return ends;
    }

    private static RunRecords readRecords(RunningStack stack, String runId,
            Map<String, Map<TopicPartition, Long>> deadLettersFrom) throws SQLException {
        Map<String, String> databases = new LinkedHashMap<>();
        CatchUp.GROUPS.forEach(group -> databases.put(group, LocalStack.databaseOf(group)));
        RunRecords records;
        try (Connection connection = stack.connect()) {
            records = RunRecords.read(connection, runId, databases);
        }
        deadLettersFrom.forEach((group, from) -> records.deadLettersByGroup.put(group,
                RunRecords.readDeadLetters(stack.kafkaClientConfig(), from, Duration.ofMinutes(2))));
        return records;
    }

    private static Options parse(String[] args) {
        int orders = 20_000;
        int rate = 100;
        int outage = 60;
        int freeze = 60;
        boolean skipFaults = false;
        Path repoRoot = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();
        Path dataDir = repoRoot.resolve("infra/local-stack/data");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--orders" -> orders = positive(args[++i]);
                    case "--rate" -> rate = positive(args[++i]);
                    case "--db-outage" -> outage = positive(args[++i]);
                    case "--db-freeze" -> freeze = positive(args[++i]);
                    case "--skip-faults" -> skipFaults = true;
                    case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath().normalize();
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println((e instanceof ArrayIndexOutOfBoundsException ? "an option lacks its value"
                    : e.getMessage()) + "\n" + USAGE);
            System.exit(2);
        }
        return new Options(orders, rate, Duration.ofSeconds(outage), Duration.ofSeconds(freeze), skipFaults, dataDir);
    }

    private static int positive(String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a positive whole number: " + value);
    }
}
