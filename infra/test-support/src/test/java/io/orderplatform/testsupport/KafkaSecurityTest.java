package io.orderplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.Topics;
import io.orderplatform.localstack.KafkaSecurity;
import io.orderplatform.localstack.LocalKafkaCluster;

/**
 * The test cluster is secured as production is: SASL_SSL with SCRAM-SHA-512 only, and each service's principal
 * limited by ACLs to its own topics and groups. (That each service's ACLs are enough, the services' suites prove:
 * they run as their own principals.)
 */
class KafkaSecurityTest {

    private static LocalKafkaCluster cluster;

    @BeforeAll
    static void cluster() {
        cluster = TestInfrastructure.get().kafkaCluster()
                .orElseThrow(() -> new org.opentest4j.TestAbortedException("needs the local cluster"));
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = new HashMap<>(cluster.security().clientConfig(KafkaSecurity.ADMIN, "not-the-password"));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(10_000)).nodes().get())
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void metricsConsumerCannotWriteOrderEvents() {
        try (KafkaProducer<String, String> producer = producer("metrics-consumer")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS, "k", "v")).get())
                    .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(TopicAuthorizationException.class));
        }
    }

    @Test
    void metricsConsumerCannotWriteAuditsDeadLetterTopic() {
        try (KafkaProducer<String, String> producer = producer("metrics-consumer")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.AUDIT_DLQ, "k", "v")).get())
                    .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(TopicAuthorizationException.class));
        }
    }

    @Test
    void metricsConsumerCannotReadWithAuditConsumersGroup() {
        Map<String, Object> config = cluster.clientConfig("metrics-consumer");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "audit-consumer");
        try (KafkaConsumer<String, String> consumer = consumer(config)) {
            consumer.subscribe(List.of(Topics.ORDER_EVENTS));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(500)))
                            .isInstanceOf(GroupAuthorizationException.class));
        }
    }

    @Test
    void orderServiceProducesIdempotentlyToOrderEvents() throws Exception {
        try (KafkaProducer<String, String> producer = producer("order-service")) {
            RecordMetadata written = producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS,
                    UUID.randomUUID().toString(), "{}")).get();
            assertThat(written.hasOffset()).isTrue();
        }
    }

    @Test
    void aPlaintextClientGetsNoMetadata() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000))) {
            assertThatThrownBy(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes().get())
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void aPlaintextClientReadsNoRecords() throws Exception {
        TopicPartition partition = new TopicPartition(Topics.ORDER_EVENTS, 0);
        try (KafkaProducer<String, String> producer = producer(KafkaSecurity.ADMIN)) {
            producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), "k", "{}")).get();
        }
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        try (KafkaConsumer<String, String> consumer = consumer(config)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            // A bounded observation, not a synchronisation: for 5 s, a plaintext client must get nothing at all.
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
            }
            assertThat(read).isEmpty();
        }
    }

    private static KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> config = cluster.clientConfig(principal);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> config) {
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config);
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
