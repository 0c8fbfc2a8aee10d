package io.orderplatform.localstack;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;

/**
 * The project against its peer (a plain Quarkus application written the guides' way, {@code
 * ../shared/bench/peer-qs}), side by side in one run on one fresh stack (MariaDB, three brokers): intake with the
 * consumers stopped (the same JVM flags for both), intake with the whole platform running, the drain of a backlog by
 * each consumer and by the peer's consumer, end-to-end latency at a steady rate, and the resident memory of every
 * service in each phase. Ends with a table: project, peer, ratio project/peer. Prints figures; it is not a test.
 * Run through {@code infra/bin/bench}, which builds the peer from a copy and removes the work folder afterwards.
 */
public final class PeerComparison {

    private static final String USAGE = "usage: PeerComparison --work-dir DIR [--peer-app BUILT_PEER_DIR]"
            + " [--only intake,stack-intake,latency,drain] [--events 100000] [--rate 100] [--seconds 30]"
            + " [--intake-seconds 20] [--warmup-seconds 60] [--jvm-flags '-Xmx256m'] [--generator wrk|java]"
            + " [--history ROWS]";
    private static final List<String> PHASES = List.of("intake", "stack-intake", "latency", "drain");
    /** The consumers of order-events; each reads it in a consumer group named as itself. */
    private static final List<String> CONSUMERS = List.of("metrics-consumer", "audit-consumer");
    /** The peer's topics (as its README creates them) and the consumer group of its application.properties. */
    private static final String PEER_EVENTS = "peer-events";
    private static final String PEER_ORDER_EVENTS = "peer-order-events";
    private static final String PEER_DATABASE = "peer";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** How long the relay and the consumers may take to catch up after a load, before the next phase. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);
    /** The load generator of infra/bin/bench-intake: 2 threads (wrk), 16 connections in a closed loop. */
    private static final int INTAKE_THREADS = 2;
    private static final int INTAKE_CONNECTIONS = 16;
    private static final int INTAKE_TIMEOUT_SECONDS = 10;

    private final Path work;
    private final Path peerApp;
    private final Set<String> phases;
    private final int events;
    private final int rate;
    private final int latencySeconds;
    private final int intakeSeconds;
    private final int warmupSeconds;
    private final List<String> intakeJvmFlags;
    private final String generator;
    /** Rows of history (sent outbox rows, processed events per consumer) for the second pass; 0: no second pass. */
    private final long history;
    /** The project's figures on the empty database, to set those with history against. */
    private Intake emptyIntake;
    private final Map<String, Double> emptyDrain = new LinkedHashMap<>();
    private final List<Row> table = new ArrayList<>();
    private BenchmarkStack stack;
    private String authorization;

    /** One line of the final table. */
    private record Row(String work, String project, String peer, String ratio) {
    }

    /** What an intake run came to: orders/s and latency of the measured window, failed requests. */
    private record Intake(double perSecond, double p50Millis, double p99Millis, String non2xx, long errors) {
        String summary(boolean withP50) {
            String failures = non2xx.equals("0") && errors == 0 ? ""
                    : String.format(" (non-2xx %s, errors %d)", non2xx, errors);
            return withP50
                    ? String.format(Locale.ROOT, "%.0f/s p50 %.0fms p99 %.0fms%s", perSecond, p50Millis, p99Millis, failures)
                    : String.format(Locale.ROOT, "%.0f/s p99 %.0fms%s", perSecond, p99Millis, failures);
        }
    }

    /** An intake run of order-service and its resident memory at most during it. */
    private record MeasuredIntake(Intake intake, long rssMegabytes) {
    }

    private PeerComparison(Map<String, String> options) {
        work = Path.of(required(options, "--work-dir")).toAbsolutePath();
        peerApp = options.containsKey("--peer-app") ? Path.of(options.get("--peer-app")).toAbsolutePath() : null;
        phases = new LinkedHashSet<>(Arrays.asList(options.getOrDefault("--only", String.join(",", PHASES)).split(",")));
        if (!PHASES.containsAll(phases)) {
            throw new IllegalArgumentException("--only takes phases among " + PHASES + ", not " + phases);
        }
        events = positive(options, "--events", 100_000);
        rate = positive(options, "--rate", 100);
        latencySeconds = positive(options, "--seconds", 30);
        intakeSeconds = positive(options, "--intake-seconds", 20);
        // 60 s: after 15 s both JVMs of the intake phase (C2, its default flags) were still compiling on two shared
        // cores, so its figures measured warm-up: one sitting gave 1,168 against 586 orders/s (2.0x) after 60 s,
        // where runs after 15 s had read 644 against 291 (2.2x) and 815 against 479 (C1 only, 1.7x).
        warmupSeconds = positive(options, "--warmup-seconds", 60);
        intakeJvmFlags = List.of(options.getOrDefault("--jvm-flags", "-Xmx256m").trim().split("\\s+"));
        generator = options.getOrDefault("--generator", "wrk");
        history = Long.parseLong(options.getOrDefault("--history", "0").replace("_", ""));
        if (history < 0 || history > 0 && !(phases.contains("intake") && phases.contains("drain"))) {
            throw new IllegalArgumentException("--history takes a number of rows and needs the intake and drain phases");
        }
        if (!List.of("wrk", "java").contains(generator)) {
            throw new IllegalArgumentException("--generator is wrk or java, not " + generator);
        }
        if (peerApp == null && (phases.contains("intake") || phases.contains("drain"))) {
            throw new IllegalArgumentException("the intake and drain phases need --peer-app");
        }
    }

    public static void main(String[] args) {
        PeerComparison comparison;
        try {
            comparison = new PeerComparison(options(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        System.exit(comparison.run() ? 0 : 1);
    }

    /** Runs the phases asked for on one fresh stack; prints the table of what was measured, also after a failure. */
    private boolean run() {
        boolean ok = true;
        long started = System.nanoTime();
        System.out.printf("Project vs peer: phases %s; work dir %s%n", String.join(", ", phases), work);
        Map<String, String> phaseTimes = new LinkedHashMap<>();
        try {
            stack = BenchmarkStack.start(work);
            // Ctrl-C or a kill: every process started is stopped all the same (close runs once).
            BenchmarkStack running = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "bench-shutdown"));
            authorization = stack.identity().mint("bench", List.of(Roles.ORDERS_WRITE, Roles.ORDERS_READ),
                    Duration.ofDays(1));
            if (peerApp != null) {
                preparePeer();
            }
            for (String phase : PHASES) {
                if (!phases.contains(phase)) {
                    continue;
                }
                System.out.printf("%n== %s ==%n", phase);
                long phaseStarted = System.nanoTime();
                switch (phase) {
                    case "intake" -> intake();
                    case "stack-intake" -> stackIntake();
                    case "latency" -> latency();
                    case "drain" -> drain();
                    default -> throw new IllegalStateException(phase);
                }
                phaseTimes.put(phase, String.format("%.0f s", (System.nanoTime() - phaseStarted) / 1e9));
            }
            if (history > 0) {
                System.out.printf("%n== history: %,d rows, then intake and drain again ==%n", history);
                long phaseStarted = System.nanoTime();
                withHistory();
                phaseTimes.put("history", String.format("%.0f s", (System.nanoTime() - phaseStarted) / 1e9));
            }
        } catch (Exception e) {
            ok = false;
            System.err.println("\nbench: FAILED: " + e.getMessage());
            if (!(e instanceof IllegalStateException)) {
                e.printStackTrace();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
        printTable();
        String timePerPhase = phaseTimes.isEmpty() ? "no phase completed" : phaseTimes.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        System.out.printf("%nTime per phase: %s; %.0f s in all (stack start and stop included)%n", timePerPhase,
                (System.nanoTime() - started) / 1e9);
        return ok;
    }

    /** Phase 1: POST /orders against order-service alone, then the REST peer alone, both with the same JVM flags. */
    private void intake() throws Exception {
        String flags = String.join(" ", intakeJvmFlags);
        System.out.printf("order-service, consumers stopped, JVM flags %s%n", flags);
        MeasuredIntake project = projectIntake();
        emptyIntake = project.intake();

        System.out.printf("REST peer, its consumer off, JVM flags %s%n", flags);
        ServiceProcess peer = startPeer(intakeJvmFlags, false);
        Intake peerIntake;
        long peerMemory;
        try (PeakMemory memory = PeakMemory.watch(List.of(peer))) {
            peerIntake = loadIntake(peer);
            peerMemory = memory.peakMegabytes().get(peer.name());
        }
        peer.close();
        table.add(new Row("intake (consumers stopped, " + flags + ")", project.intake().summary(true),
                peerIntake.summary(true), ratio(project.intake().perSecond(), peerIntake.perSecond())));
        table.add(new Row("  RSS max, intake", megabytes(Map.of("order-service", project.rssMegabytes())),
                peerMemory + " MB", ratio(project.rssMegabytes(), peerMemory)));
    }

    /** order-service alone under the intake load, consumers stopped, and its peak resident memory meanwhile. */
    private MeasuredIntake projectIntake() throws Exception {
        ServiceProcess orderService = stack.startService("order-service", intakeJvmFlags);
        awaitStarted(orderService, true);
        MeasuredIntake project;
        try (PeakMemory peaks = PeakMemory.watch(List.of(orderService))) {
            project = new MeasuredIntake(loadIntake(orderService), peaks.peakMegabytes().get("order-service"));
        }
        awaitOutboxSent();
        orderService.close();
        return project;
    }

    /** Phase 2: POST /orders with order-service and both consumers running, as shipped. */
    private void stackIntake() throws Exception {
        System.out.printf("order-service with both consumers running, shipped JVM flags (order-service %s; consumers %s)%n",
                String.join(" ", ServiceProcess.jvmOptions("order-service")),
                String.join(" ", ServiceProcess.jvmOptions("metrics-consumer")));
        List<ServiceProcess> services = startPlatform();
        Intake intake;
        Map<String, Long> memory;
        try (PeakMemory peaks = PeakMemory.watch(services)) {
            intake = loadIntake(services.get(0));
            awaitOutboxSent();
            stack.awaitCaughtUp(CONSUMERS, Topics.ORDER_EVENTS, SETTLE_TIMEOUT);
            memory = peaks.peakMegabytes();
        }
        services.forEach(ServiceProcess::close);
        table.add(new Row("intake (whole stack, shipped flags)", intake.summary(false), "-", "-"));
        table.add(new Row("  RSS max, whole stack intake", megabytes(memory), "-", "-"));
    }

    /** Phase 4: orders created and paid at a steady rate; commit to applied in both consumers (LatencyBenchmark's). */
    private void latency() throws Exception {
        System.out.printf("%d orders/s for %d s, each created then paid; whole platform, shipped JVM flags%n", rate,
                latencySeconds);
        List<ServiceProcess> services = startPlatform();
        Map<String, List<Long>> latencies;
        Map<String, Long> memory;
        String cpu;
        try (PeakMemory peaks = PeakMemory.watch(services)) {
            CpuShares cpuShares = CpuShares.start();
            latencies = LatencyBenchmark.measure(stack, services.get(0), rate, latencySeconds);
            cpu = cpuShares.shares();
            memory = peaks.peakMegabytes();
        }
        services.forEach(ServiceProcess::close);
        System.out.println("Latency in ms: p50 / p95 / p99 / max");
        latencies.forEach(LatencyBenchmark::print);
        List<Long> both = latencies.get(LatencyBenchmark.VISIBLE_IN_BOTH);
        String figures = both.isEmpty() ? "no data" : String.format(Locale.ROOT, "p50 %.0fms p99 %.0fms",
                Percentiles.of(both, 50) / 1000.0, Percentiles.of(both, 99) / 1000.0);
        table.add(new Row("latency " + rate + "/s, commit -> both consumers", figures, "-", "-"));
        table.add(new Row("  RSS max, latency", megabytes(memory), "-", "-"));
        // Every process on the machine, the load generator included: what the latency waited for is a free core.
        System.out.println("CPU during the latency phase, % of one core: " + cpu);
    }

    /**
     * Phase 3: N events put on order-events, then each consumer started alone and timed from its first to its last
     * applied event (as DrainBenchmark does); the same N events, in its shape, for the peer's consumer. All three
     * with the consumers' shipped JVM flags.
     */
    private void drain() throws Exception {
        System.out.printf("%d events; each consumer and the peer with the consumers' shipped JVM flags %s%n", events,
                String.join(" ", ServiceProcess.jvmOptions("metrics-consumer")));
        Map<String, Double> rates = new LinkedHashMap<>();
        Map<String, Long> memory = new LinkedHashMap<>();
        drainProject(rates, memory);
        emptyDrain.putAll(rates);
        EventBacklog.producePeerEvents(stack.kafka().clientConfig(KafkaSecurity.ADMIN), PEER_EVENTS, events);
        long started = System.nanoTime();
        ServiceProcess peer = startPeer(ServiceProcess.jvmOptions("metrics-consumer"), true);
        drainOne(peer, "SELECT COUNT(*) FROM " + PEER_DATABASE + ".processed_event", 0, started, rates, memory);

        double peerRate = rates.get(peer.name());
        for (String consumer : CONSUMERS) {
            table.add(new Row(String.format("drain %,d events, %s", events, consumer),
                    String.format(Locale.ROOT, "%.0f/s", rates.get(consumer)),
                    String.format(Locale.ROOT, "%.0f/s", peerRate), ratio(rates.get(consumer), peerRate)));
        }
        long peerMemory = memory.get(peer.name());
        memory.remove(peer.name());
        table.add(new Row("  RSS max, drain", megabytes(memory), peerMemory + " MB", CONSUMERS.stream()
                .map(c -> ratio(memory.get(c), peerMemory)).collect(Collectors.joining(" / "))));
    }

    /** A backlog of {@code events} on order-events, drained by each consumer alone, one after the other. */
    private void drainProject(Map<String, Double> rates, Map<String, Long> memory) throws Exception {
        // Only this backlog: what earlier phases left on the topic is not drained again.
        CONSUMERS.forEach(consumer -> stack.moveGroupToEnd(consumer, Topics.ORDER_EVENTS));
        EventBacklog.produceOrderEvents(stack.kafka().clientConfig(KafkaSecurity.ADMIN), events);
        for (String consumer : CONSUMERS) {
            String countSql = DrainBenchmark.PROCESSED_EVENTS.formatted(LocalStack.databaseOf(consumer));
            long before;
            try (Connection c = stack.db().adminConnection("")) {
                before = EventBacklog.count(c, countSql);
            }
            long started = System.nanoTime();
            ServiceProcess service = stack.startService(consumer);
            drainOne(service, countSql, before, started, rates, memory);
        }
    }

    /**
     * The second pass of {@code --history}: {@code history} old rows in the outbox and in both consumers'
     * processed-event logs (as {@code infra/bin/fill-history} writes them; the intake and drain phases made the
     * schemas), then the project's side of intake and drain again, set against its figures on the empty database.
     */
    private void withHistory() throws Exception {
        long started = System.nanoTime();
        HistoryFill.fill(stack.db()::adminConnection, history);
        System.out.printf("History filled in %.0f s%n", (System.nanoTime() - started) / 1e9);
        String label = String.format("%,d rows of history", history);
        Intake intake = projectIntake().intake();
        table.add(new Row("intake, " + label, intake.summary(true), "empty db: " + emptyIntake.summary(true),
                share(intake.perSecond(), emptyIntake.perSecond())));
        Map<String, Double> rates = new LinkedHashMap<>();
        Map<String, Long> memory = new LinkedHashMap<>();
        drainProject(rates, memory);
        for (String consumer : CONSUMERS) {
            table.add(new Row(String.format("drain %,d events, %s, %s", events, consumer, label),
                    String.format(Locale.ROOT, "%.0f/s", rates.get(consumer)),
                    String.format(Locale.ROOT, "empty db: %.0f/s", emptyDrain.get(consumer)),
                    share(rates.get(consumer), emptyDrain.get(consumer))));
        }
    }

    private void drainOne(ServiceProcess consumer, String countSql, long before, long startedNanos,
            Map<String, Double> rates, Map<String, Long> memory) {
        try (PeakMemory peaks = PeakMemory.watch(List.of(consumer))) {
            EventBacklog.Drain drain = EventBacklog.awaitDrained(consumer, stack.db(), countSql, before, events,
                    startedNanos, DrainBenchmark.DRAIN_TIMEOUT);
            rates.put(consumer.name(), drain.eventsPerSecond());
            memory.put(consumer.name(), peaks.peakMegabytes().get(consumer.name()));
            System.out.printf(Locale.ROOT, "%s drained %d events: %.1f s from its first applied event (%.0f events/s),"
                    + " %.1f s from process start; RSS max %d MB%n", consumer.name(), events,
                    drain.secondsFromFirstEvent(), drain.eventsPerSecond(), drain.secondsFromStart(),
                    memory.get(consumer.name()));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + logTail(consumer), e);
        } finally {
            consumer.close();
        }
    }

    /** order-service, metrics-consumer and audit-consumer as shipped, ready, the consumers at the topic's end. */
    private List<ServiceProcess> startPlatform() {
        CONSUMERS.forEach(consumer -> stack.moveGroupToEnd(consumer, Topics.ORDER_EVENTS));
        List<ServiceProcess> services = new ArrayList<>();
        for (String name : LocalStack.SERVICES.keySet()) {
            services.add(stack.startService(name));
        }
        services.forEach(service -> awaitStarted(service, true));
        return services;
    }

    /** Database {@value #PEER_DATABASE} with its user and the peer's schema.sql; the peer's two topics. */
    private void preparePeer() throws Exception {
        stack.db().provision(PEER_DATABASE);
        String schema = Files.readString(peerApp.resolve("schema.sql"));
        try (Connection c = stack.db().adminConnection(PEER_DATABASE); Statement s = c.createStatement()) {
            for (String statement : schema.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the peer's schema from " + peerApp.resolve("schema.sql"), e);
        }
        try (Admin admin = stack.kafka().admin()) {
            // As the peer's README creates them: 6 partitions, replicated as the project's topics are.
            List<NewTopic> topics = List.of(PEER_EVENTS, PEER_ORDER_EVENTS).stream()
                    .map(name -> new NewTopic(name, 6, (short) 3).configs(Map.of("min.insync.replicas", "2")))
                    .toList();
            admin.createTopics(topics).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create the peer's topics", e.getCause());
        }
    }

    /**
     * Starts the peer (REST and consumer in one application) from its built copy, configured for this stack by a
     * config/application.properties in its folder (owner-only: it holds passwords): SASL_SSL as the admin principal,
     * its own database user. {@code consume} false turns its consumer's channel off.
     */
    private ServiceProcess startPeer(List<String> jvmOptions, boolean consume) throws IOException {
        DatabaseAccount account = stack.db().provision(PEER_DATABASE);
        Properties config = new Properties();
        stack.kafka().clientConfig(KafkaSecurity.ADMIN).forEach((key, value) -> config.setProperty("kafka." + key,
                String.valueOf(value)));
        config.setProperty("quarkus.datasource.username", account.user());
        config.setProperty("quarkus.datasource.password", account.password());
        config.setProperty("quarkus.datasource.reactive.url",
                "mysql://127.0.0.1:" + stack.db().port() + "/" + account.database());
        config.setProperty("mp.messaging.incoming.events.enabled", String.valueOf(consume));
        StringWriter text = new StringWriter();
        config.store(text, "Written by PeerComparison for one benchmark run");
        Path configFile = peerApp.resolve("config/application.properties");
        Files.createDirectories(configFile.getParent());
        Files.deleteIfExists(configFile);
        LocalSecrets.writeOwnerOnly(configFile, text.toString());
        ServiceProcess peer = stack.track(ServiceProcess.start("peer", peerApp.resolve("target/quarkus-app/quarkus-run.jar"),
                peerApp, jvmOptions, BenchmarkStack.freePort(), Map.of(), work.resolve("peer.log")));
        awaitStarted(peer, false);
        return peer;
    }

    /** Waits for a service (health) or the peer (its HTTP port: it has no health checks); on failure, its log tail. */
    private static void awaitStarted(ServiceProcess service, boolean hasHealth) {
        try {
            if (hasHealth) {
                service.awaitReady(START_TIMEOUT);
            } else {
                service.awaitListening(START_TIMEOUT);
            }
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + logTail(service), e);
        }
    }

    private static String logTail(ServiceProcess service) {
        try {
            List<String> lines = Files.readAllLines(service.log());
            return "\n--- last lines of " + service.log() + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return " (no log: " + e.getMessage() + ")";
        }
    }

    /** Waits until order-service's relay has sent every outbox row, so that no backlog spills into the next phase. */
    private void awaitOutboxSent() throws Exception {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        try (Connection c = stack.db().adminConnection("")) {
            while (EventBacklog.count(c, "SELECT COUNT(*) FROM order_service.outbox_event WHERE sent_at IS NULL") > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("order-service's outbox not sent within " + SETTLE_TIMEOUT);
                }
                BenchmarkStack.pause(Duration.ofMillis(250));
            }
        }
    }

    /**
     * POST /orders at {@code baseUrl} with infra/bin/bench-intake's generator (wrk and bench-intake.lua, or the Java
     * one): a warm-up, then the measured window. Both print the same summary lines, read here.
     */
    private Intake loadIntake(ServiceProcess service) throws Exception {
        try {
            return loadIntake(service.url());
        } catch (IllegalStateException e) {
            if (service.isAlive()) {
                throw e;
            }
            throw new IllegalStateException(service.name() + " exited under the load: " + e.getMessage()
                    + logTail(service), e);
        }
    }

    private Intake loadIntake(String baseUrl) throws Exception {
        System.out.printf("  warm-up %d s, then %d s measured: %d connections, %s%n", warmupSeconds, intakeSeconds,
                INTAKE_CONNECTIONS, generator);
        List<String> command = new ArrayList<>();
        Path repoRoot = BenchmarkStack.repoRoot();
        if ("wrk".equals(generator)) {
            runGenerator(wrk(repoRoot, baseUrl, warmupSeconds), "warm-up");
            command.addAll(wrk(repoRoot, baseUrl, intakeSeconds));
        } else {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Drepo.root=" + repoRoot, "-cp", System.getProperty("java.class.path"),
                    IntakeBenchmark.class.getName(), "--url", baseUrl, "--seconds", String.valueOf(intakeSeconds),
                    "--warmup-seconds", String.valueOf(warmupSeconds), "--connections",
                    String.valueOf(INTAKE_CONNECTIONS), "--timeout-seconds", String.valueOf(INTAKE_TIMEOUT_SECONDS)));
        }
        String output = runGenerator(command, "measured");
        Intake intake = new Intake(number(output, "throughput:\\s+([0-9.]+) req/s"),
                number(output, "latency:\\s+p50 ([0-9.]+) ms"), number(output, "p99 ([0-9.]+) ms"),
                text(output, "non-2xx:\\s+(.+)"), (long) number(output, "errors:\\s+([0-9]+)"));
        System.out.printf("  %s%n", intake.summary(true));
        return intake;
    }

    private static List<String> wrk(Path repoRoot, String baseUrl, int seconds) {
        return List.of("wrk", "--threads", String.valueOf(INTAKE_THREADS), "--connections",
                String.valueOf(INTAKE_CONNECTIONS), "--duration", seconds + "s", "--timeout", INTAKE_TIMEOUT_SECONDS + "s",
                "--script", repoRoot.resolve("infra/bin/bench-intake.lua").toString(), baseUrl);
    }

    /** Runs the load generator with the run's token; returns its output, or fails with it. */
    private String runGenerator(List<String> command, String what) throws Exception {
        Path output = work.resolve("intake-" + what + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("API_TOKEN", authorization);
        Process process = builder.start();
        int exit;
        try {
            exit = process.waitFor();
        } finally {
            process.destroyForcibly();
        }
        String text = Files.readString(output);
        if (exit != 0) {
            throw new IllegalStateException(command.get(0) + " (" + what + ") exited with " + exit + ":\n" + text);
        }
        return text;
    }

    private static double number(String output, String regex) {
        return Double.parseDouble(text(output, regex));
    }

    /** The first group of {@code regex} in the load generator's output, e.g. "7 (503: 7)" of its non-2xx line. */
    private static String text(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("No '" + regex + "' in the load generator's output:\n" + output);
        }
        return matcher.group(1).trim();
    }

    /** "order 242 / metrics 229 / audit 220 MB": the services by the first word of their names, to keep rows short. */
    private static String megabytes(Map<String, Long> byService) {
        return byService.entrySet().stream().map(e -> e.getKey().split("-")[0] + " " + e.getValue())
                .collect(Collectors.joining(" / ")) + " MB";
    }

    private static String ratio(double project, double peer) {
        return peer > 0 ? String.format(Locale.ROOT, "%.1fx", project / peer) : "-";
    }

    /** With history against without, to two decimals: the target is within 10 % of the empty database. */
    private static String share(double withHistory, double empty) {
        return String.format(Locale.ROOT, "%.2fx of empty", withHistory / empty);
    }

    private void printTable() {
        if (table.isEmpty()) {
            return;
        }
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("work", "project", "peer", "ratio"));
        rows.addAll(table);
        int work = rows.stream().mapToInt(r -> r.work().length()).max().orElse(0);
        int project = rows.stream().mapToInt(r -> r.project().length()).max().orElse(0);
        int peer = rows.stream().mapToInt(r -> r.peer().length()).max().orElse(0);
        String format = "%-" + work + "s  %-" + project + "s  %-" + peer + "s  %s%n";
        System.out.println();
        rows.forEach(r -> System.out.printf(format, r.work(), r.project(), r.peer(), r.ratio()));
        System.out.println("ratio = project / peer (throughput: higher is better for the project; memory: lower); "
                + "with history: project with history / project on the empty database");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("options come as --name value; bad: " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        Set<String> known = Set.of("--work-dir", "--peer-app", "--only", "--events", "--rate", "--seconds",
                "--intake-seconds", "--warmup-seconds", "--jvm-flags", "--generator", "--history");
        options.keySet().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("unknown option " + name);
        });
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static int positive(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException(name + " takes a whole number from 1, not '" + value + "'");
        }
        return Integer.parseInt(value);
    }
}
