package io.orderplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The fresh stack a benchmark runs on: MariaDB and a Kafka cluster (a controller, three brokers) on free ports, in a
 * work folder of the run's own, with the topics of {@code kafka/topics.json} and a token signing key. Starts the
 * platform's services on it with any JVM flags; {@link #close()} stops every process it started, services first, and
 * deletes the run's data (its logs stay).
 * What the benchmarks share, so that each runs on the same kind of stack.
 */
public final class BenchmarkStack implements AutoCloseable {

    private final Path repoRoot;
    private final Path work;
    private final LocalMariaDb db;
    private final LocalKafkaCluster kafka;
    private final LocalIdentityProvider identity;
    /** Every service process started here, alive or not; guarded by {@code this}. */
    private final List<ServiceProcess> services = new ArrayList<>();
    private boolean closed;

    private BenchmarkStack(Path repoRoot, Path work, LocalMariaDb db, LocalKafkaCluster kafka) {
        this.repoRoot = repoRoot;
        this.work = work;
        this.db = db;
        this.kafka = kafka;
        this.identity = LocalIdentityProvider.in(work.resolve("jwt"));
    }

    /** The repository root, as infra/bin/stack-java passes it ({@code repo.root}). */
    public static Path repoRoot() {
        return Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();
    }

    /** A new work folder under infra/local-stack/target (where stack-java points java.io.tmpdir, see there why). */
    public static Path newWorkDir(String prefix) {
        try {
            Path target = repoRoot().resolve("infra/local-stack/target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts MariaDB and the Kafka cluster in {@code work} and creates the topics; stops what started on failure. */
    public static BenchmarkStack start(Path work) {
        long started = System.nanoTime();
        LocalMariaDb db = new LocalMariaDb(work.resolve("mariadb"), freePort()).start();
        LocalKafkaCluster kafka = null;
        try {
            kafka = new LocalKafkaCluster(work.resolve("kafka"), freePort(),
                    List.of(freePort(), freePort(), freePort())).start(Duration.ofSeconds(120));
            try (Admin admin = kafka.admin()) {
                TopicProvisioner.createAll(admin);
            }
            System.out.printf("Stack up in %.1f s: MariaDB on port %d, Kafka %s (SASL_SSL); work dir %s%n",
                    (System.nanoTime() - started) / 1e9, db.port(), kafka.bootstrapServers(), work);
            return new BenchmarkStack(repoRoot(), work, db, kafka);
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            db.close();
            throw e;
        }
    }

    public LocalMariaDb db() {
        return db;
    }

    public LocalKafkaCluster kafka() {
        return kafka;
    }

    public LocalIdentityProvider identity() {
        return identity;
    }

    /** Starts a service of the platform with the JVM flags it ships with ({@link ServiceProcess#jvmOptions}). */
    public ServiceProcess startService(String name) {
        return startService(name, ServiceProcess.jvmOptions(name));
    }

    /** Starts a service of the platform with these JVM flags, on its own database user and Kafka principal. */
    public ServiceProcess startService(String name, List<String> jvmOptions) {
        Map<String, String> env = new HashMap<>(LocalStack.environment(kafka, name,
                db.provision(LocalStack.databaseOf(name))));
        env.put("DB_PORT", String.valueOf(db.port()));
        env.putAll(identity.environment());
        return track(ServiceProcess.start(name, ServiceProcess.jar(repoRoot, name), null, jvmOptions, freePort(), env,
                work.resolve(name + ".log")));
    }

    /** Adds a process started elsewhere to those {@link #close()} stops. */
    public synchronized ServiceProcess track(ServiceProcess service) {
        if (closed) {
            service.close();
            throw new IllegalStateException("the benchmark stack is stopping");
        }
        services.add(service);
        return service;
    }

    /**
     * Sets a stopped consumer group's offsets on {@code topic} to its end: started again, the group reads only what
     * comes after, not the backlog an earlier phase left.
     */
    public void moveGroupToEnd(String group, String topic) {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            endOffsets(admin, topic).forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end)));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot move group " + group + " to the end of " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many records of {@code topic} the group has not committed yet. */
    public long lag(String group, String topic) {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : endOffsets(admin, topic).entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue() - (at == null ? 0 : at.offset());
            }
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the lag of group " + group, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** Waits until every group has committed all of {@code topic}. */
    public void awaitCaughtUp(List<String> groups, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Long> lags = new LinkedHashMap<>();
            groups.forEach(group -> lags.put(group, lag(group, topic)));
            if (lags.values().stream().allMatch(lag -> lag <= 0)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Consumers still behind on " + topic + " after " + timeout + ": " + lags);
            }
            pause(Duration.ofMillis(500));
        }
    }

    /** Stops every service started here (in reverse order), then Kafka, then MariaDB. Runs once; safe from a hook. */
    @Override
    public void close() {
        List<ServiceProcess> toStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = new ArrayList<>(services);
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            toStop.get(i).close();
        }
        try {
            kafka.close();
        } finally {
            db.close();
            deleteData();
        }
    }

    /**
     * Deletes what the run stored (the database, with MariaDB's unpacked server, and every Kafka node's log dirs) and
     * keeps the logs: a run leaves 1-1.5 GB behind otherwise, and a disk filled by earlier runs fails every later one.
     */
    private void deleteData() {
        try (Stream<Path> nodes = Files.list(work.resolve("kafka"))) {
            for (Path node : nodes.toList()) {
                LocalStack.deleteRecursively(node.resolve("data"));
            }
            LocalStack.deleteRecursively(work.resolve("mariadb"));
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete the run's data in " + work + ": " + e);
        }
    }

    public static int freePort() {
        return FreePorts.next();
    }

    static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
