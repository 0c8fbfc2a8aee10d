package io.orderplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of the platform's Quarkus services, run from its built fast-jar as a process of its own. */
public final class ServiceProcess implements AutoCloseable {

    /**
     * The JVM flags each service ships with (the Dockerfiles' JDK_JAVA_OPTIONS say the same), chosen by measurement:
     * see the README's "JVM settings" table. Common to all: a small serial-GC heap (one or two cores per service),
     * glibc's arenas capped (below) and the native heap handed back to the system every 5 s (4-5 MB less resident,
     * where the JDK has it), so each stays under 250 MB resident under load.
     */
    private static final List<String> COMMON_OPTIONS = List.of("-Xms32m", "-XX:+UseSerialGC",
            "-XX:MaxMetaspaceSize=128m", "-Xss512k");
    private static final String TRIM_NATIVE_HEAP = "-XX:TrimNativeHeapInterval=5000";
    private static final Map<String, List<String>> SERVICE_OPTIONS = Map.of(
            // order-service keeps its heap close to what is live (6-9 MB less resident at 100 orders/s); the consumers
            // do not: their drains ran twice the full collections and 10-18 % slower with it.
            "order-service", List.of("-Xmx80m", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m",
                    "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"),
            "metrics-consumer", List.of("-Xmx80m", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m"),
            "audit-consumer", List.of("-Xmx80m", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m"));

    /** The JVM flags {@code service} ships with. */
    public static List<String> jvmOptions(String service) {
        List<String> own = SERVICE_OPTIONS.get(service);
        if (own == null) {
            throw new IllegalArgumentException("No JVM flags for " + service + ": one of " + SERVICE_OPTIONS.keySet());
        }
        List<String> options = new ArrayList<>(COMMON_OPTIONS);
        if (trimsNativeHeap(Runtime.version())) {
            options.add(TRIM_NATIVE_HEAP);
        }
        options.addAll(own);
        return List.copyOf(options);
    }

    /**
     * Whether this JDK (the one the services are started with) knows the native-heap trim: 17.0.9, 21.0.1 and 22 on.
     * An older JVM refuses to start with an option it does not know, and the project asks only for a JDK 17.
     */
    static boolean trimsNativeHeap(Runtime.Version version) {
        return version.feature() >= 22 || (version.feature() == 21 && version.update() >= 1)
                || (version.feature() == 17 && version.update() >= 9);
    }

    private final String name;
    private final int httpPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int httpPort, Path log, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code <repoRoot>/<name>/target/quarkus-app/quarkus-run.jar} with the JVM flags it ships with and the
     * given environment, its output appended to {@code log}.
     */
    public static ServiceProcess start(Path repoRoot, String name, int httpPort, Map<String, String> environment,
            Path log) {
        return start(name, jar(repoRoot, name), null, jvmOptions(name), httpPort, environment, log);
    }

    /**
     * Starts a Quarkus fast-jar (a service of the platform or another application, such as a benchmark's peer) with
     * these JVM flags and environment, in {@code workingDir} (null: this process's), its output appended to
     * {@code log}.
     */
    public static ServiceProcess start(String name, Path jar, Path workingDir, List<String> jvmOptions, int httpPort,
            Map<String, String> environment, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first (./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // Extra options for every service JVM, e.g. a flight recording while benchmarking.
        command.addAll(LocalStack.jvmOptionsFromEnvironment("SERVICE_JVM_OPTIONS"));
        command.add("-Dquarkus.http.port=" + httpPort);
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (workingDir != null) {
                builder.directory(workingDir.toFile());
            }
            // glibc gives each thread that allocates its own malloc arena: tens of MB of RSS for nothing in a JVM.
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            builder.environment().putAll(environment);
            return new ServiceProcess(name, httpPort, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    public static Path jar(Path repoRoot, String name) {
        return repoRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Waits until {@code /q/health/ready} answers 200; fails early, naming the log, if the process exits. */
    public void awaitReady(Duration timeout) {
        awaitAnswer("/q/health/ready", true, timeout);
    }

    /**
     * Waits until the HTTP port answers at all, for an application without health checks: Quarkus opens its HTTP
     * port once started. Fails early, naming the log, if the process exits.
     */
    public void awaitListening(Duration timeout) {
        awaitAnswer("/", false, timeout);
    }

    private void awaitAnswer(String path, boolean only200, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                lastStatus = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200 || !only200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + " (last status of GET " + path + ": "
                + lastStatus + "); see " + log);
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://localhost:" + httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Resident memory of the process in bytes, from /proc (0 where /proc is not available). */
    public long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process has gone, or no /proc
        }
        return 0;
    }

    /** Stops the service gracefully (SIGTERM), killing it if it has not stopped within 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
