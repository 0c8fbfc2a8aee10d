package io.orderplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
    private final List<AutoCloseable> running = new ArrayList<>();

    private LocalStack(Path repoRoot, Path dataDir) {
        this.repoRoot = repoRoot;
        this.dataDir = dataDir;
    }

    public static void main(String[] args) {
        Path repoRoot = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();
        Path dataDir = repoRoot.resolve("infra/local-stack/data");
        boolean clean = false;
        boolean services = true;
        String command = args.length == 0 ? "up" : args[0];
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--clean" -> clean = true;
                case "--no-services" -> services = false;
                case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath();
                default -> fail("Unknown option " + args[i] + "\nusage: LocalStack up|down [--clean] [--no-services] [--data-dir DIR]");
            }
        }
        try {
            switch (command) {
                case "up" -> new LocalStack(repoRoot, dataDir).up(clean, services);
                case "down" -> down(dataDir);
                default -> fail("Unknown command " + command + "; use up or down");
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
            LocalMariaDb db = new LocalMariaDb(dataDir.resolve("mariadb"), DB_PORT).start();
            running.add(db);
            SERVICES.keySet().forEach(name -> db.createDatabase(databaseOf(name)));

            LocalKafkaCluster kafka = new LocalKafkaCluster(dataDir.resolve("kafka"), CONTROLLER_PORT, BROKER_PORTS)
                    .start(Duration.ofSeconds(120));
            running.add(kafka);
            try (Admin admin = kafka.admin()) {
                TopicProvisioner.createAll(admin);
            }
            List<ServiceProcess> services = new ArrayList<>();
            if (withServices) {
                for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
                    ServiceProcess process = ServiceProcess.start(repoRoot, service.getKey(), service.getValue(),
                            environment(kafka.bootstrapServers(), databaseOf(service.getKey())),
                            dataDir.resolve("logs").resolve(service.getKey() + ".log"));
                    running.add(process);
                    services.add(process);
                }
                for (ServiceProcess service : services) {
                    service.awaitReady(Duration.ofSeconds(180));
                }
            }
            printSummary(kafka, services, (System.nanoTime() - started) / 1_000_000_000.0);
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

    /** The environment a service reads its Kafka cluster and database from (its %prod configuration). */
    public static Map<String, String> environment(String bootstrapServers, String database) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", String.valueOf(DB_PORT));
        env.put("DB_NAME", database);
        env.put("DB_USERNAME", "orders");
        env.put("DB_PASSWORD", "orders");
        return env;
    }

    public static String databaseOf(String service) {
        return service.replace('-', '_');
    }

    private synchronized void stopAll(Path pidFile) {
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
        out.append("  MariaDB    127.0.0.1:").append(DB_PORT).append("  (databases ")
                .append(String.join(", ", SERVICES.keySet().stream().map(LocalStack::databaseOf).toList()))
                .append(")\n");
        for (ServiceProcess service : services) {
            out.append(String.format("  %-17s %s  (Swagger UI %s/q/swagger-ui, log %s)%n", service.name(),
                    service.url(), service.url(), service.log()));
        }
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

    private static void deleteRecursively(Path dir) {
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
