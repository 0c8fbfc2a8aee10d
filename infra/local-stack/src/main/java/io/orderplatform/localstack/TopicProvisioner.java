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
