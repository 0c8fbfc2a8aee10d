package io.orderplatform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jboss.logging.Logger;

import io.orderplatform.localstack.DatabaseAccount;
import io.orderplatform.localstack.DatabaseAccounts;
import io.orderplatform.localstack.FreePorts;
import io.orderplatform.localstack.KafkaSecurity;
import io.orderplatform.localstack.LocalIdentityProvider;
import io.orderplatform.localstack.LocalKafkaCluster;
import io.orderplatform.localstack.LocalMariaDb;
import io.orderplatform.localstack.LocalSecrets;
import io.orderplatform.localstack.TopicProvisioner;

/**
 * The Kafka cluster and database of one test JVM: started on first use, shared by every test class, stopped
 * when the JVM exits.
 * <p>
 * With {@code KAFKA_BOOTSTRAP_SERVERS} set, the tests use that cluster instead of starting one; with
 * {@code DB_HOST} set (and {@code DB_PORT}, {@code DB_USERNAME}, {@code DB_PASSWORD}: an account that may create
 * databases and users), that database server.
 * <p>
 * The database credentials here are the administrator's, for tests that look into any schema; an application under
 * test runs as its own user ({@link #provisionDatabase(String)}), as in production.
 * Tests that inject faults (stopping brokers or the database) need the local ones and are skipped otherwise.
 * <p>
 * The local cluster is secured as in production (SASL_SSL, SCRAM-SHA-512, ACLs; see {@link LocalKafkaCluster}): its
 * certificate and passwords are made in this JVM's work dir. Test code talks to it as the {@code admin} principal
 * ({@link #kafkaClientConfig()}); each service under test as its own ({@link #kafkaServiceConfig(String)}). An
 * external cluster is used as it is, without credentials.
 */
public final class TestInfrastructure {

    private static final Logger LOG = Logger.getLogger(TestInfrastructure.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String STARTED_PROPERTY = "orderplatform.test-infrastructure.started";
    private static TestInfrastructure instance;

    private final LocalKafkaCluster kafka;
    private final String bootstrapServers;
    private final LocalMariaDb mariaDb;
    private final String dbHost;
    private final int dbPort;
    private final String dbUser;
    private final String dbPassword;
    private final Path workDir;
    private final LocalSecrets secrets;
    private final LocalIdentityProvider identity;

    private TestInfrastructure() {
        // Quarkus may load this class in more than one class loader; a second cluster would split the tests.
        if (System.getProperties().putIfAbsent(STARTED_PROPERTY, "true") != null) {
            throw new IllegalStateException("The test infrastructure was already started by another class loader "
                    + "of this JVM; a second cluster would split the tests");
        }
        long started = System.nanoTime();
        workDir = createWorkDir();
        secrets = new LocalSecrets(workDir.resolve("secrets"));
        // The test JVM's token signing key pair: the services verify against its JWKS, Tokens mints with it.
        identity = LocalIdentityProvider.in(workDir.resolve("jwt"));
        String externalKafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        String externalDb = System.getenv("DB_HOST");
        LocalMariaDb db = null;
        if (externalDb == null || externalDb.isBlank()) {
            db = new LocalMariaDb(workDir.resolve("mariadb"), freePort()).start();
            dbHost = "127.0.0.1";
            dbPort = db.port();
            dbUser = LocalMariaDb.ADMIN_USER;
            dbPassword = db.adminPassword();
        } else {
            dbHost = externalDb;
            dbPort = Integer.parseInt(System.getenv().getOrDefault("DB_PORT", "3306"));
            dbUser = System.getenv().getOrDefault("DB_USERNAME", "root");
            dbPassword = System.getenv().getOrDefault("DB_PASSWORD", "");
        }
        mariaDb = db;
        if (externalKafka == null || externalKafka.isBlank()) {
            List<Integer> brokerPorts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                brokerPorts.add(freePort());
            }
            kafka = new LocalKafkaCluster(workDir.resolve("kafka"), freePort(), brokerPorts).start(START_TIMEOUT);
            bootstrapServers = kafka.bootstrapServers();
        } else {
            kafka = null;
            bootstrapServers = externalKafka;
        }
        try (Admin admin = admin()) {
            TopicProvisioner.createAll(admin);
        }
        LOG.infof("Test infrastructure ready in %d ms: Kafka %s, database %s:%d (work dir %s)",
                (System.nanoTime() - started) / 1_000_000, bootstrapServers, dbHost, dbPort, workDir);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "test-infrastructure-shutdown"));
    }

    /** The infrastructure of this JVM, started on the first call. */
    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure();
        }
        return instance;
    }

    /** The key pair the services under test verify bearer tokens with (see {@link Tokens}). */
    public LocalIdentityProvider identity() {
        return identity;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The local Kafka cluster, for tests that stop, kill and restart brokers; empty with an external cluster. */
    public Optional<LocalKafkaCluster> kafkaCluster() {
        return Optional.ofNullable(kafka);
    }

    /** The local database server, for tests that cause an outage; empty with an external database. */
    public Optional<LocalMariaDb> mariaDb() {
        return Optional.ofNullable(mariaDb);
    }

    public String dbHost() {
        return dbHost;
    }

    public int dbPort() {
        return dbPort;
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    /**
     * Creates a database and its own user (named as the database, with rights on it only), if missing: what an
     * application under test connects as.
     */
    public DatabaseAccount provisionDatabase(String name) {
        if (mariaDb != null) {
            return mariaDb.provision(name);
        }
        try (var connection = java.sql.DriverManager.getConnection(jdbcUrl(""), dbUser, dbPassword)) {
            return DatabaseAccounts.provision(connection, name, secrets.password(name));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot provision database " + name + " on " + dbHost, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + dbHost + ":" + dbPort + "/" + database;
    }

    /** An admin client of the {@code admin} principal (super user). */
    public Admin admin() {
        return Admin.create(kafkaClientConfig());
    }

    /** A Kafka client's configuration (bootstrap servers, security) as the {@code admin} principal. */
    public Map<String, Object> kafkaClientConfig() {
        return kafkaClientConfig(KafkaSecurity.ADMIN);
    }

    /** A Kafka client's configuration (bootstrap servers, security) as the given principal. */
    public Map<String, Object> kafkaClientConfig(String principal) {
        if (kafka == null) {
            return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        return kafka.clientConfig(principal);
    }

    /**
     * A Quarkus application's Kafka configuration as the given principal: {@code kafka.*} keys, the defaults of
     * every channel (and of the dead-letter producers SmallRye derives from them).
     */
    public Map<String, String> kafkaServiceConfig(String principal) {
        Map<String, String> config = new LinkedHashMap<>();
        kafkaClientConfig(principal).forEach((key, value) -> config.put("kafka." + key, String.valueOf(value)));
        return config;
    }

    /** Stops the servers and deletes their data (hundreds of MB), unless -Dorderplatform.keep-test-infra=true. */
    private void close() {
        if (kafka != null) {
            kafka.close();
        }
        if (mariaDb != null) {
            mariaDb.close();
        }
        if (!Boolean.getBoolean("orderplatform.keep-test-infra")) {
            try (var paths = Files.walk(workDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                LOG.warnf("Could not delete %s: %s", workDir, e);
            }
        }
    }

    private static Path createWorkDir() {
        try {
            Path target = Path.of("target");
            return Files.createTempDirectory(Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir")),
                    "test-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        return FreePorts.next();
    }
}
