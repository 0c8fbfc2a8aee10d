package io.orderplatform.localstack;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import io.orderplatform.contract.TopicDefinitions;
import io.orderplatform.contract.TopicDefinitions.Topic;

/** Creates every topic of {@code kafka/topics.json} that does not exist yet. Running it twice changes nothing. */
public final class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /**
     * Creates the topics on the cluster named by the first argument or {@code KAFKA_BOOTSTRAP_SERVERS}: what the
     * deployment files run (as a job) before the services start. {@code KAFKA_CLIENT_CONFIG} names a Kafka client
     * properties file with the admin principal's credentials; with credentials, the services' ACLs are created too.
     */
    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || bootstrap.isBlank()) {
            System.err.println("usage: TopicProvisioner <bootstrap servers> (or set KAFKA_BOOTSTRAP_SERVERS)");
            System.exit(2);
        }
        java.util.Map<String, Object> config = new java.util.HashMap<>();
        // The admin principal's client settings (security.protocol, sasl.*, ssl.truststore.*), as infra/bin/kafka
        // and the deployment's topics job write them: the cluster has no unauthenticated listener.
        String clientConfig = System.getenv("KAFKA_CLIENT_CONFIG");
        if (clientConfig != null && !clientConfig.isBlank()) {
            java.util.Properties props = new java.util.Properties();
            try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(clientConfig))) {
                props.load(in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot read KAFKA_CLIENT_CONFIG " + clientConfig, e);
            }
            props.forEach((k, v) -> config.put((String) k, v));
        }
        config.put("bootstrap.servers", bootstrap);
        config.put("default.api.timeout.ms", 120_000);
        try (Admin admin = Admin.create(config)) {
            createAll(admin);
            System.out.println("Topics of kafka/topics.json present on " + bootstrap);
            if (config.containsKey("sasl.jaas.config")) {
                // A secured cluster: the services' principals get exactly their ACLs (KafkaAcls), no more.
                KafkaAcls.apply(admin);
                System.out.println("ACLs of the service principals present on " + bootstrap);
            }
        }
    }

    public static void createAll(Admin admin) {
        List<Topic> topics = TopicDefinitions.all();
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), t.replicationFactor()).configs(t.config()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).all().get();
            LOG.infof("Created topics %s", missing.stream().map(NewTopic::name).toList());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topics", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
