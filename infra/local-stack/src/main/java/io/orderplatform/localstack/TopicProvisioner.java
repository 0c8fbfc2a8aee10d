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
     * deployment files run (as a job) before the services start.
     */
    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || bootstrap.isBlank()) {
            System.err.println("usage: TopicProvisioner <bootstrap servers> (or set KAFKA_BOOTSTRAP_SERVERS)");
            System.exit(2);
        }
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", bootstrap,
                "default.api.timeout.ms", 120_000))) {
            createAll(admin);
            System.out.println("Topics of kafka/topics.json present on " + bootstrap);
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
