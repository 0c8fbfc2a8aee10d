package io.orderplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.TopicDefinitions;
import io.orderplatform.contract.Topics;
import io.orderplatform.localstack.KafkaSecurity;
import io.orderplatform.localstack.LocalKafkaCluster;

/** Proves the test cluster is what it claims: three brokers, RF 3, min ISR 2, and the durability that follows. */
class KafkaClusterTest {

    private static LocalKafkaCluster cluster;

    @BeforeAll
    static void cluster() {
        cluster = TestInfrastructure.get().kafkaCluster()
                .orElseThrow(() -> new org.opentest4j.TestAbortedException("needs the local cluster"));
    }

    /** Each test starts from a whole cluster: every broker up and every replica caught up. */
    @AfterEach
    void everyBrokerBackAndInSync() {
        for (int id : cluster.brokerIds()) {
            if (!cluster.isRunning(id)) {
                cluster.startBroker(id, Duration.ofSeconds(60));
            }
        }
        TopicDefinitions.all().forEach(t -> cluster.awaitFullyReplicated(t.name(), Duration.ofSeconds(60)));
    }

    @Test
    void threeBrokersServeTheDefinedTopicsWithReplicationFactorThreeAndMinIsrTwo() throws Exception {
        assertThat(cluster.liveBrokerIds()).containsExactly(1, 2, 3);
        try (Admin admin = cluster.admin()) {
            Set<String> names = TopicDefinitions.all().stream().map(TopicDefinitions.Topic::name)
                    .collect(Collectors.toSet());
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
            for (TopicDefinitions.Topic definition : TopicDefinitions.all()) {
                TopicDescription topic = topics.get(definition.name());
                assertThat(topic.partitions()).hasSize(definition.partitions());
                assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, definition.name());
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
                assertThat(config.get("unclean.leader.election.enable").value()).isEqualTo("false");
            }
        }
    }

    @Test
    void autoCreateIsOffSoAnUndefinedTopicIsNeverCreated() throws Exception {
        try (Admin admin = cluster.admin(); KafkaProducer<String, String> producer = producer(Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000))) {
            org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> producer.send(new ProducerRecord<>("no-such-topic", "k", "v")).get(5, TimeUnit.SECONDS));
            assertThat(admin.listTopics().names().get()).doesNotContain("no-such-topic");
        }
    }

    @Test
    void anIdempotentAcksAllProducerLosesNothingWhenOneBrokerIsKilledMidStream() throws Exception {
        String topic = Topics.ORDER_EVENTS;
        int count = 4_000;
        String run = Long.toString(System.nanoTime());
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < count; i++) {
                if (i == count / 2) {
                    producer.flush();
                    cluster.killBroker(leaderOfPartitionZero(topic));
                }
                sends.add(producer.send(new ProducerRecord<>(topic, 0, "key-" + run, run + ":" + i)));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> send : sends) {
            assertThat(send.get().hasOffset()).isTrue();
        }

        List<String> received = readPartitionZero(topic).stream()
                .filter(r -> r.value().startsWith(run + ":")).map(ConsumerRecord::value).toList();
        assertThat(received).hasSize(count).doesNotHaveDuplicates();
        assertThat(received).containsExactlyElementsOf(
                IntStream.range(0, count).mapToObj(i -> run + ":" + i).toList());
    }

    @Test
    void withTwoBrokersDownAnAcksAllProducerIsRefusedAndTheClusterRecoversWhenTheyReturn() throws Exception {
        String topic = Topics.ORDER_EVENTS;
        List<Integer> stopped = cluster.brokerIds().subList(0, 2);
        stopped.forEach(cluster::stopBroker);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cluster.inSyncReplicas(topic).values())
                .allSatisfy(isr -> assertThat(isr).containsExactly(3)));

        try (KafkaProducer<String, String> producer = producer(Map.of(
                ProducerConfig.RETRIES_CONFIG, 2, ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(topic, "k", "refused")).get(30, TimeUnit.SECONDS));
            assertThat(refused.getCause()).isInstanceOf(NotEnoughReplicasException.class);
        }

        stopped.forEach(id -> cluster.startBroker(id, Duration.ofSeconds(60)));
        cluster.awaitFullyReplicated(topic, Duration.ofSeconds(60));
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            assertThat(producer.send(new ProducerRecord<>(topic, "k", "accepted")).get(30, TimeUnit.SECONDS)
                    .hasOffset()).isTrue();
        }
    }

    private static int leaderOfPartitionZero(String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0)
                    .leader().id();
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> overrides) {
        Properties props = new Properties();
        props.putAll(cluster.clientConfig(KafkaSecurity.ADMIN));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.putAll(overrides);
        return new KafkaProducer<>(props);
    }

    private static List<ConsumerRecord<String, String>> readPartitionZero(String topic) {
        Properties props = new Properties();
        props.putAll(cluster.clientConfig(KafkaSecurity.ADMIN));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            var partition = new org.apache.kafka.common.TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }
}
