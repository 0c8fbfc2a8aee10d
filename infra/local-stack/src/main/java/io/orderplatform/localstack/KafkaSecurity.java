package io.orderplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The secrets of a local Kafka cluster (local stack or tests): a TLS key pair and certificate for the nodes, and a
 * random password per principal. Made by the JDK (keytool of {@code java.home}) the first time a cluster is created,
 * kept in its data folder ({@code <kafka data>/security}, files mode 0600), never committed, never downloaded.
 * <p>
 * Principals: {@code admin} (super user: topics, ACLs, the tools and tests), {@code broker} (super user: inter-broker
 * SCRAM), {@code controller} (super user: PLAIN on the controller listener, SCRAM being unsupported there) and one per
 * service, whose ACLs are {@link KafkaAcls}.
 * <p>
 * The certificate is self-signed for {@code localhost}/{@code 127.0.0.1} and is itself the clients' trust store
 * ({@code truststore.pem}, PEM, so no store password).
 */
public final class KafkaSecurity {

    public static final String ADMIN = "admin";
    public static final String BROKER = "broker";
    public static final String CONTROLLER = "controller";
    public static final List<String> SERVICE_PRINCIPALS = List.of("order-service", "metrics-consumer", "audit-consumer");
    /** Every principal authenticated by SCRAM-SHA-512 on the brokers' SASL_SSL listener. */
    public static final List<String> SCRAM_PRINCIPALS = scramPrincipals();
    public static final String MECHANISM = "SCRAM-SHA-512";

    static final String CREDENTIALS_FILE = "credentials.properties";
    static final String SCRAM_FILE = "scram-credentials.properties";
    static final String KEYSTORE_FILE = "broker-keystore.p12";
    static final String TRUSTSTORE_FILE = "truststore.pem";
    static final String ADMIN_CLIENT_FILE = "admin-client.properties";
    private static final String KEYSTORE_PASSWORD_KEY = "keystore";

    private final Path dir;
    private final Properties secrets;

    private KafkaSecurity(Path dir, Properties secrets) {
        this.dir = dir;
        this.secrets = secrets;
    }

    /**
     * The secrets kept in {@code dir}, made there first if the cluster is new.
     *
     * @param clusterExists whether the cluster's storage was formatted before: its SCRAM credentials were made then,
     *        so secrets missing now cannot be made up (the cluster would not know them)
     */
    public static KafkaSecurity prepare(Path dir, boolean clusterExists) {
        if (Files.isRegularFile(dir.resolve(CREDENTIALS_FILE))) {
            return load(dir);
        }
        if (clusterExists) {
            throw new IllegalStateException("The Kafka data in " + dir.getParent() + " was made without credentials "
                    + "(before SASL_SSL): start with --clean, or delete that folder");
        }
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Properties secrets = new Properties();
            secrets.setProperty(KEYSTORE_PASSWORD_KEY, LocalSecrets.randomPassword());
            secrets.setProperty(CONTROLLER, LocalSecrets.randomPassword());
            SCRAM_PRINCIPALS.forEach(p -> secrets.setProperty(p, LocalSecrets.randomPassword()));
            KafkaSecurity security = new KafkaSecurity(dir, secrets);
            security.makeCertificate();
            Properties scram = new Properties();
            SCRAM_PRINCIPALS.forEach(p -> scram.setProperty(p, secrets.getProperty(p)));
            writePrivate(dir.resolve(SCRAM_FILE), scram, "SCRAM-SHA-512 users given to kafka-storage format --add-scram");
            security.writeClientProperties(dir.resolve(ADMIN_CLIENT_FILE), ADMIN);
            // Written last: its presence says everything else is complete.
            writePrivate(dir.resolve(CREDENTIALS_FILE), secrets, "Kafka passwords of this data folder, made at its first start");
            return security;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the Kafka credentials in " + dir, e);
        }
    }

    /** The secrets of a cluster made before, e.g. for tools run against a running local stack. */
    public static KafkaSecurity load(Path dir) {
        Properties secrets = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve(CREDENTIALS_FILE))) {
            secrets.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("No Kafka credentials in " + dir + " (is the local stack set up?)", e);
        }
        return new KafkaSecurity(dir, secrets);
    }

    public Path dir() {
        return dir;
    }

    public String password(String principal) {
        String password = secrets.getProperty(principal);
        if (password == null) {
            throw new IllegalArgumentException("No principal " + principal + "; known: " + SCRAM_PRINCIPALS);
        }
        return password;
    }

    /** The PEM file of the certificate the clients trust. */
    public Path truststore() {
        return dir.resolve(TRUSTSTORE_FILE);
    }

    /** The client properties file of the admin principal (what {@code infra/bin/kafka} passes to the tools). */
    public Path adminClientProperties() {
        return dir.resolve(ADMIN_CLIENT_FILE);
    }

    Path scramCredentials() {
        return dir.resolve(SCRAM_FILE);
    }

    /** A Kafka client's security settings for a principal (without bootstrap servers). */
    public Map<String, Object> clientConfig(String principal) {
        return clientConfig(principal, password(principal));
    }

    /** As {@link #clientConfig(String)}, with any password: to prove a wrong one is refused. */
    public Map<String, Object> clientConfig(String principal, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", MECHANISM);
        config.put("sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule", principal, password));
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.location", truststore().toString());
        return config;
    }

    /** The environment a service reads its Kafka credentials from (its {@code %prod} configuration). */
    public Map<String, String> serviceEnvironment(String principal) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_SASL_USERNAME", principal);
        env.put("KAFKA_SASL_PASSWORD", password(principal));
        env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", truststore().toString());
        return env;
    }

    /** The security part of a node's server.properties (controller or broker). */
    Map<String, String> nodeConfig(boolean controller) {
        Map<String, String> config = new LinkedHashMap<>();
        // TLS on every listener, the controller's included: the same key pair, made for localhost.
        config.put("ssl.keystore.type", "PKCS12");
        config.put("ssl.keystore.location", dir.resolve(KEYSTORE_FILE).toString());
        config.put("ssl.keystore.password", secrets.getProperty(KEYSTORE_PASSWORD_KEY));
        config.put("ssl.key.password", secrets.getProperty(KEYSTORE_PASSWORD_KEY));
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.location", truststore().toString());
        // The controller listener: SASL PLAIN over TLS (KRaft controllers cannot do SCRAM), one user, "controller",
        // which the controller accepts and the brokers log in as.
        config.put("sasl.mechanism.controller.protocol", "PLAIN");
        String controllerPassword = secrets.getProperty(CONTROLLER);
        config.put("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + CONTROLLER
                        + "\" password=\"" + controllerPassword + "\" user_" + CONTROLLER + "=\"" + controllerPassword
                        + "\";");
        if (controller) {
            config.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        } else {
            // Clients and brokers: SCRAM-SHA-512 over TLS, credentials in the cluster metadata (made at format).
            config.put("sasl.enabled.mechanisms", MECHANISM);
            config.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
            config.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                    jaas("org.apache.kafka.common.security.scram.ScramLoginModule", BROKER, password(BROKER)));
        }
        // ACLs in the KRaft metadata; no ACL means no access. Brokers, the controller and the admin bypass them.
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("allow.everyone.if.no.acl.found", "false");
        config.put("super.users", "User:" + ADMIN + ";User:" + BROKER + ";User:" + CONTROLLER);
        return config;
    }

    /** Writes a Kafka client properties file of a principal (mode 0600): for the command-line tools. */
    public void writeClientProperties(Path file, String principal) {
        Properties props = new Properties();
        clientConfig(principal).forEach((k, v) -> props.setProperty(k, String.valueOf(v)));
        writePrivate(file, props, "Kafka client settings of principal " + principal + " (made with the cluster)");
    }

    /** A self-signed certificate for localhost, by keytool: the nodes' key store, and the clients' PEM trust store. */
    private void makeCertificate() {
        Path keystore = dir.resolve(KEYSTORE_FILE);
        keytool("-genkeypair", "-alias", "kafka", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost, O=order-platform local Kafka",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "3650",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass:env", "STORE_PASSWORD");
        keytool("-exportcert", "-rfc", "-alias", "kafka", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass:env", "STORE_PASSWORD", "-file", truststore().toString());
        try {
            Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The password through the environment, not the command line: other users see command lines.
        builder.environment().put("STORE_PASSWORD", secrets.getProperty(KEYSTORE_PASSWORD_KEY));
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String jaas(String module, String username, String password) {
        return module + " required username=\"" + username + "\" password=\"" + password + "\";";
    }

    private static void writePrivate(Path file, Properties props, String comment) {
        try {
            var text = new java.io.StringWriter();
            props.store(text, comment);
            LocalSecrets.writeOwnerOnly(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static List<String> scramPrincipals() {
        List<String> principals = new ArrayList<>(List.of(ADMIN, BROKER));
        principals.addAll(SERVICE_PRINCIPALS);
        return List.copyOf(principals);
    }
}
