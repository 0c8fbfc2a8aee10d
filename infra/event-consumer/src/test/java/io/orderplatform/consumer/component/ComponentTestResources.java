package io.orderplatform.consumer.component;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import io.orderplatform.testsupport.PlatformTestResource;
import io.orderplatform.testsupport.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;

/**
 * The component tests run a minimal consumer application ({@link ComponentConsumer}) against the real Kafka
 * cluster and the database {@code event_consumer}, with a dead-letter topic and a redrive topic of its own.
 */
@QuarkusTestResource(value = PlatformTestResource.class,
        initArgs = @ResourceArg(name = PlatformTestResource.DATABASE_ARG, value = "event_consumer"))
@QuarkusTestResource(ComponentTestResources.DeadLetterTopic.class)
public class ComponentTestResources {

    public static final String DLQ = "component-test-dlq";
    /** Where POST /admin/dead-letters/redrive sends this application's dead letters back to. */
    public static final String REDRIVE = "component-test-redrive";

    /** Creates {@link #DLQ} and {@link #REDRIVE} as the platform's are: 1 partition, RF 3, min ISR 2. */
    public static class DeadLetterTopic implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try (Admin admin = TestInfrastructure.get().admin()) {
                var existing = admin.listTopics().names().get();
                for (String topic : List.of(DLQ, REDRIVE)) {
                    if (!existing.contains(topic)) {
                        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 3)
                                .configs(Map.of("min.insync.replicas", "2")))).all().get();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create " + DLQ + " and " + REDRIVE, e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }
}
