package io.orderplatform.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Reads what landed on a topic (a dead-letter topic, typically) with the Kafka Companion, from the beginning:
 * waits for records that match, or takes everything up to the current end to show that nothing matching is there.
 */
public final class TopicReader {

    private TopicReader() {
    }

    /** Waits until {@code count} records matching {@code filter} were read from the start of the topic. */
    public static List<ConsumerRecord<String, byte[]>> await(KafkaCompanion companion, String topic,
            Predicate<ConsumerRecord<String, byte[]>> filter, int count, Duration timeout) {
        return companion.consume(String.class, byte[].class)
                .fromTopics(Set.of(topic), records -> records.filter(filter::test).select().first(count))
                .awaitCompletion(timeout)
                .getRecords();
    }

    /** Records with one of these keys, waiting until there are {@code count} of them. */
    public static List<ConsumerRecord<String, byte[]>> awaitKeys(KafkaCompanion companion, String topic,
            Collection<String> keys, int count, Duration timeout) {
        Set<String> wanted = Set.copyOf(keys);
        return await(companion, topic, r -> wanted.contains(r.key()), count, timeout);
    }

    /** Every record now on the topic (up to each partition's current end offset) that matches. */
    public static List<ConsumerRecord<String, byte[]>> readAllNow(KafkaCompanion companion, String topic,
            Predicate<ConsumerRecord<String, byte[]>> filter) {
        List<TopicPartition> partitions = companion.topics().describe(topic).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> ends = companion.offsets()
                .list(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return List.of();
        }
        return companion.consume(String.class, byte[].class)
                .fromTopics(Set.of(topic), total)
                .awaitCompletion(Duration.ofSeconds(30))
                .getRecords().stream().filter(filter).toList();
    }

    /** The offset a consumer group committed on a partition (the next one it will read), or -1 if none. */
    public static long committedOffset(KafkaCompanion companion, String group, String topic, int partition) {
        TopicPartition topicPartition = new TopicPartition(topic, partition);
        var offset = companion.consumerGroups().offsets(group, List.of(topicPartition)).get(topicPartition);
        return offset == null ? -1 : offset.offset();
    }

    /** A header's value as UTF-8 text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
