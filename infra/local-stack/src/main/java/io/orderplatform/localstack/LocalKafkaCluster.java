package io.orderplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.jboss.logging.Logger;

/**
 * A real Apache Kafka cluster on this machine: one KRaft controller and {@code brokers} brokers, each in a
 * JVM of its own, run from Apache Kafka's own broker jars (module {@code infra/kafka-broker}).
 * <p>
 * The controller is a process of its own so that the brokers can be stopped, killed and started in any number
 * while the cluster keeps a quorum: with two of three brokers down, the controller shrinks the in-sync replica
 * set and an {@code acks=all} producer is refused with {@code NotEnoughReplicas}, as in production.
 * <p>
 * Data lives in {@code baseDir}; a cluster started again on the same directory keeps its topics and offsets.
 * <p>
 * Secured as in production: clients and brokers speak SASL_SSL (SCRAM-SHA-512) on the brokers' only listener, the
 * controller listener is SASL_SSL with PLAIN, and the StandardAuthorizer denies what {@link KafkaAcls} does not
 * allow. Certificate and passwords are made at the cluster's first start ({@link KafkaSecurity}, in
 * {@code baseDir/security}); {@link #admin()} and {@link #clientConfig(String)} log in with them.
 */
public final class LocalKafkaCluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalKafkaCluster.class);
    private static final String CLASSPATH_RESOURCE = "/kafka-broker.classpath";
    private static final String BROKER_MAIN = "io.orderplatform.kafka.SupervisedKafka";
    private static final int CONTROLLER_ID = 100;

    private final Path baseDir;
    private final int controllerPort;
    private final Map<Integer, Integer> brokerPorts;
    private final String brokerClasspath;
    private final Map<Integer, Process> processes = new LinkedHashMap<>();
    private KafkaSecurity security;

    /**
     * @param baseDir where the nodes keep their data and logs
     * @param controllerPort the KRaft controller's port
     * @param brokerPorts the brokers' client ports, one per broker; broker ids are 1, 2, 3 ...
     */
    public LocalKafkaCluster(Path baseDir, int controllerPort, List<Integer> brokerPorts) {
        this.baseDir = baseDir.toAbsolutePath();
        this.controllerPort = controllerPort;
        this.brokerPorts = new LinkedHashMap<>();
        for (int i = 0; i < brokerPorts.size(); i++) {
            this.brokerPorts.put(i + 1, brokerPorts.get(i));
        }
        this.brokerClasspath = readBrokerClasspath();
    }

    /** Formats the storage of a new cluster (reusing an existing one), starts every node, waits until all brokers serve. */
    public synchronized LocalKafkaCluster start(Duration timeout) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(baseDir);
            security = KafkaSecurity.prepare(baseDir.resolve("security"), Files.exists(baseDir.resolve("cluster.id")));
            String clusterId = clusterId();
            writeConfig(CONTROLLER_ID, controllerConfig());
            brokerPorts.forEach((id, port) -> writeConfig(id, brokerConfig(id, port)));
            for (int nodeId : allNodeIds()) {
                startNode(nodeId, clusterId);
            }
            awaitBrokers(brokerPorts.keySet(), timeout);
            try (Admin admin = admin()) {
                KafkaAcls.apply(admin);
            }
            LOG.infof("Kafka cluster (1 controller, %d brokers) ready at %s in %d ms", brokerPorts.size(),
                    bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return brokerPorts.values().stream().map(p -> "localhost:" + p).collect(Collectors.joining(","));
    }

    /** The credentials and trust store of this cluster (made at its first start). */
    public synchronized KafkaSecurity security() {
        if (security == null) {
            throw new IllegalStateException("The cluster in " + baseDir + " was not started");
        }
        return security;
    }

    /** A Kafka client's configuration for a principal of this cluster: bootstrap servers and SASL_SSL settings. */
    public Map<String, Object> clientConfig(String principal) {
        Map<String, Object> config = new LinkedHashMap<>(security().clientConfig(principal));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    public List<Integer> brokerIds() {
        return List.copyOf(brokerPorts.keySet());
    }

    public Path baseDir() {
        return baseDir;
    }

    /** Stops a broker the way an operator does (SIGTERM: controlled shutdown), and waits until it has exited. */
    public synchronized void stopBroker(int brokerId) {
        Process process = requireBroker(brokerId);
        process.destroy();
        awaitExit(brokerId, process, Duration.ofSeconds(60));
    }

    /** Kills a broker as a crash would (SIGKILL: no controlled shutdown), and waits until it has exited. */
    public synchronized void killBroker(int brokerId) {
        Process process = requireBroker(brokerId);
        process.destroyForcibly();
        awaitExit(brokerId, process, Duration.ofSeconds(30));
    }

    /** Starts a stopped or killed broker again and waits until it has registered with the controller. */
    public synchronized void startBroker(int brokerId, Duration timeout) {
        Process running = processes.get(brokerId);
        if (running != null && running.isAlive()) {
            throw new IllegalStateException("Broker " + brokerId + " is running");
        }
        startNode(brokerId, null);
        awaitBrokers(List.of(brokerId), timeout);
    }

    /**
     * Starts every broker that is not running and waits until the topic has all its replicas in sync again: what a
     * fault test does afterwards, so the next test (sharing this cluster) starts from a whole cluster.
     */
    public void restoreAllBrokers(String topic, Duration brokerStart, Duration replicated) {
        for (int broker : brokerIds()) {
            if (!isRunning(broker)) {
                startBroker(broker, brokerStart);
            }
        }
        awaitFullyReplicated(topic, replicated);
    }

    /** The process id of a node's JVM, while it runs. */
    public synchronized OptionalLong pid(int nodeId) {
        Process process = processes.get(nodeId);
        return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    public synchronized boolean isRunning(int brokerId) {
        Process process = processes.get(brokerId);
        return process != null && process.isAlive();
    }

    /** The ids of the brokers the cluster currently has registered and unfenced. */
    public Collection<Integer> liveBrokerIds() {
        try (Admin admin = admin()) {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes().get()
                    .stream().map(Node::id).sorted().toList();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot describe the Kafka cluster", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every partition of the topic has all its replicas in sync again, e.g. after a broker returned. */
    public void awaitFullyReplicated(String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get()
                            .get(topic);
                    if (description.partitions().stream()
                            .allMatch(p -> p.leader() != null && p.isr().size() == p.replicas().size())) {
                        return;
                    }
                } catch (ExecutionException e) {
                    LOG.debugf("Topic %s not described yet: %s", topic, e.getCause());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Topic " + topic + " not fully replicated within " + timeout);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The in-sync replicas of each partition of a topic, by partition number. */
    public Map<Integer, List<Integer>> inSyncReplicas(String topic) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<Integer, List<Integer>> isr = new LinkedHashMap<>();
            for (TopicPartitionInfo p : description.partitions()) {
                isr.put(p.partition(), p.isr().stream().map(Node::id).sorted().toList());
            }
            return isr;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot describe topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An admin client of the {@code admin} principal (super user). */
    public Admin admin() {
        Properties props = new Properties();
        props.putAll(clientConfig(KafkaSecurity.ADMIN));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(props);
    }

    /** Stops the brokers, then the controller; data stays in {@link #baseDir()}. */
    @Override
    public synchronized void close() {
        List<Integer> order = new ArrayList<>(brokerPorts.keySet());
        order.add(CONTROLLER_ID);
        for (int nodeId : order) {
            Process process = processes.get(nodeId);
            if (process != null && process.isAlive()) {
                process.destroy();
            }
        }
        for (int nodeId : order) {
            Process process = processes.remove(nodeId);
            if (process != null) {
                awaitExit(nodeId, process, Duration.ofSeconds(30));
            }
        }
    }

    /** Starts a node; with a cluster id, it formats its storage first unless that was done before. */
    private void startNode(int nodeId, String clusterIdToFormat) {
        Process process = clusterIdToFormat == null
                ? java(nodeId, BROKER_MAIN, configFile(nodeId).toString())
                : java(nodeId, BROKER_MAIN, configFile(nodeId).toString(), clusterIdToFormat,
                        security.scramCredentials().toString());
        processes.put(nodeId, process);
    }

    /** Starts a JVM on the broker classpath, output appended to a log file of the node, stdin kept as a lifeline. */
    private Process java(int nodeId, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms32m", nodeId == CONTROLLER_ID ? "-Xmx128m" : "-Xmx256m",
                // Small heaps and a single-threaded collector: four nodes share two cores with the services.
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=kafka-log4j2.properties"));
        // Extra options for every Kafka node, after the defaults so that they win (measuring other flags).
        command.addAll(LocalStack.jvmOptionsFromEnvironment("KAFKA_JVM_OPTIONS"));
        command.addAll(List.of("-cp", brokerClasspath, mainClass));
        command.addAll(List.of(args));
        Path nodeDir = nodeDir(nodeId);
        try {
            Files.createDirectories(nodeDir);
            return new ProcessBuilder(command)
                    .directory(nodeDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("node.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + mainClass + " for node " + nodeId, e);
        }
    }

    private void awaitBrokers(Collection<Integer> brokerIds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "";
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                List<Integer> watched = new ArrayList<>(brokerIds);
                watched.add(CONTROLLER_ID);
                for (int nodeId : watched) {
                    Process process = processes.get(nodeId);
                    if (process != null && !process.isAlive()) {
                        throw new IllegalStateException("Kafka node " + nodeId + " exited with "
                                + process.exitValue() + "; see " + nodeDir(nodeId).resolve("node.log"));
                    }
                }
                try {
                    List<Integer> live = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                            .nodes().get().stream().map(Node::id).toList();
                    if (live.containsAll(brokerIds)) {
                        return;
                    }
                    lastProblem = "registered brokers " + live;
                } catch (ExecutionException e) {
                    lastProblem = String.valueOf(e.getCause());
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("Kafka brokers " + brokerIds + " not ready within " + timeout + " ("
                + lastProblem + "); see the node.log files under " + baseDir);
    }

    private void awaitExit(int nodeId, Process process, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("Kafka node %d did not stop within %s: killing it", nodeId, timeout);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private Process requireBroker(int brokerId) {
        Process process = processes.get(brokerId);
        if (!brokerPorts.containsKey(brokerId) || process == null) {
            throw new IllegalArgumentException("No broker " + brokerId + " was started; brokers: " + brokerPorts.keySet());
        }
        return process;
    }

    private List<Integer> allNodeIds() {
        List<Integer> ids = new ArrayList<>();
        ids.add(CONTROLLER_ID);
        ids.addAll(brokerPorts.keySet());
        return ids;
    }

    private Map<String, String> controllerConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "controller");
        config.put("node.id", String.valueOf(CONTROLLER_ID));
        config.put("controller.quorum.voters", CONTROLLER_ID + "@localhost:" + controllerPort);
        config.put("listeners", "CONTROLLER://localhost:" + controllerPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listener.security.protocol.map", "CONTROLLER:SASL_SSL");
        config.putAll(security.nodeConfig(true));
        config.put("log.dirs", nodeDir(CONTROLLER_ID).resolve("data").toString());
        // Fence a dead broker after 3 s instead of 9 s, so leadership moves quickly when a broker is killed.
        config.put("broker.session.timeout.ms", "3000");
        config.put("num.io.threads", "2");
        config.put("num.network.threads", "2");
        config.put("background.threads", "2");
        return config;
    }

    private Map<String, String> brokerConfig(int brokerId, int port) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker");
        config.put("node.id", String.valueOf(brokerId));
        config.put("controller.quorum.voters", CONTROLLER_ID + "@localhost:" + controllerPort);
        // One listener, SASL_SSL, for clients and for replication between brokers: nothing plaintext.
        config.put("listeners", "SASL_SSL://localhost:" + port);
        config.put("advertised.listeners", "SASL_SSL://localhost:" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listener.security.protocol.map", "CONTROLLER:SASL_SSL,SASL_SSL:SASL_SSL");
        config.put("inter.broker.listener.name", "SASL_SSL");
        config.putAll(security.nodeConfig(false));
        config.put("log.dirs", nodeDir(brokerId).resolve("data").toString());
        // Topics come only from kafka/topics.json: a typo in a topic name must fail, not create a topic.
        config.put("auto.create.topics.enable", "false");
        // Production durability on every topic, the internal ones included.
        config.put("default.replication.factor", "3");
        config.put("min.insync.replicas", "2");
        config.put("unclean.leader.election.enable", "false");
        config.put("offsets.topic.replication.factor", "3");
        config.put("offsets.topic.num.partitions", "3");
        config.put("transaction.state.log.replication.factor", "3");
        config.put("transaction.state.log.min.isr", "2");
        config.put("transaction.state.log.num.partitions", "3");
        config.put("share.coordinator.state.topic.replication.factor", "3");
        config.put("share.coordinator.state.topic.min.isr", "2");
        // Heartbeat often, so the controller's 3 s session timeout fences only dead brokers.
        config.put("broker.heartbeat.interval.ms", "500");
        // Consumer groups start at once: tests and local runs have no herd of members to wait for.
        config.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner reserves 128 MiB by default, more than a small broker's whole heap.
        config.put("log.cleaner.dedupe.buffer.size", "16777216");
        config.put("num.io.threads", "2");
        config.put("num.network.threads", "2");
        config.put("num.replica.fetchers", "1");
        config.put("background.threads", "2");
        return config;
    }

    private void writeConfig(int nodeId, Map<String, String> config) {
        String text = config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "# Written by LocalKafkaCluster at each start.\n", "\n"));
        try {
            Files.createDirectories(nodeDir(nodeId));
            Path file = configFile(nodeId);
            Files.deleteIfExists(file);
            // It holds the key store's and the controller listener's passwords: readable by this user only.
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster's id, made once and kept beside the data so that a restart finds its formatted storage valid. */
    private String clusterId() throws IOException {
        Path file = baseDir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id);
        return id;
    }

    private Path nodeDir(int nodeId) {
        return baseDir.resolve(nodeId == CONTROLLER_ID ? "controller" : "broker-" + nodeId);
    }

    private Path configFile(int nodeId) {
        return nodeDir(nodeId).resolve("server.properties");
    }

    /** The broker's jars, as written by the kafka-broker module's build, plus that module's own jar or classes. */
    private static String readBrokerClasspath() {
        URL resource = LocalKafkaCluster.class.getResource(CLASSPATH_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException(CLASSPATH_RESOURCE + " is not on the classpath: build infra/kafka-broker");
        }
        try (var in = resource.openStream()) {
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return ownLocation(resource) + java.io.File.pathSeparator + jars;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static String ownLocation(URL resource) {
        try {
            String url = resource.toString();
            if (url.startsWith("jar:")) {
                return Path.of(new URL(url.substring(4, url.indexOf("!/"))).toURI()).toString();
            }
            return Path.of(resource.toURI()).getParent().toString();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot locate the kafka-broker module from " + resource, e);
        }
    }
}
