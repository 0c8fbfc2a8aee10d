package io.orderplatform.order.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.EventHeaders;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Topics;
import io.orderplatform.order.domain.OutboxEvent;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The {@value Topics#ORDER_EVENTS} topic as the tests see it. Every test class of the JVM writes to it, so
 * everything here is filtered by the keys (order ids) of the calling test.
 */
public final class OrderEventsTopic {

    private final KafkaCompanion companion;

    public OrderEventsTopic(KafkaCompanion companion) {
        this.companion = companion;
    }

    /** Waits until {@code expected} records of these orders are on the topic; returns those seen. */
    public List<ConsumerRecord<String, String>> await(Collection<UUID> orderIds, int expected, Duration timeout) {
        Set<String> keys = keys(orderIds);
        try (ConsumerTask<String, String> task = companion.consumeStrings()
                .withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .fromTopics(Set.of(Topics.ORDER_EVENTS), records -> records.filter(r -> keys.contains(r.key())))) {
            task.awaitRecords(expected, timeout);
            return List.copyOf(task.getRecords());
        }
    }

    /**
     * Every record of these orders on the topic now: each partition read from its start to its end offset at the
     * time of the call, so a duplicate already written cannot hide. Sorted by partition and offset.
     */
    public List<ConsumerRecord<String, String>> readAll(Collection<UUID> orderIds) {
        Set<String> keys = keys(orderIds);
        // The companion's client settings: bootstrap servers and the admin principal's credentials.
        Map<String, Object> config = new java.util.HashMap<>(companion.getCommonClientConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, companion.getBootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDER_EVENTS, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read %s up to %s within 60 s", Topics.ORDER_EVENTS, end)
                        .isLessThan(deadline);
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(record.key()) && record.offset() < end.get(tp(record))) {
                        found.add(record);
                    }
                }
            }
        }
        found.sort(Comparator.<ConsumerRecord<String, String>> comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return found;
    }

    /**
     * Checks every record against the contract and the headers against the envelope, and returns the envelopes
     * in topic order.
     */
    public static List<OrderEvent> validEnvelopes(List<ConsumerRecord<String, String>> records) {
        List<OrderEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode document = EventContract.readTree(record.value());
            assertThat(EventContract.violations(document)).as("contract violations of %s", record.value()).isEmpty();
            OrderEvent event = EventContract.parse(record.value());
            assertThat(record.key()).as("key of event %s", event.eventId()).isEqualTo(event.orderId().toString());
            assertThat(header(record, EventHeaders.EVENT_ID)).isEqualTo(event.eventId().toString());
            assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo(event.eventType().wireName());
            events.add(event);
        }
        return events;
    }

    /**
     * Reads these orders' records and checks what at-least-once publication allows, and no more: every outbox row's
     * event is on the topic; a repeat (a send whose ack was lost, sent again with the same eventId, which the
     * consumers skip) is an identical copy; each order's first copies are in sequence order, 1 to n. Returns the
     * first copies of each order.
     */
    public Map<UUID, List<OrderEvent>> assertEveryEventPublishedInOrder(Collection<UUID> orderIds,
            List<OutboxEvent> rows) {
        List<OrderEvent> published = validEnvelopes(readAll(orderIds));
        Map<UUID, OrderEvent> firstCopies = new LinkedHashMap<>();
        published.forEach(event -> firstCopies.putIfAbsent(event.eventId(), event));
        assertThat(published).as("repeats are identical copies").allSatisfy(
                event -> assertThat(event).isEqualTo(firstCopies.get(event.eventId())));
        assertThat(firstCopies.keySet()).as("every event")
                .containsExactlyInAnyOrderElementsOf(rows.stream().map(OutboxEvent::eventId).toList());
        Map<UUID, List<OrderEvent>> byOrder = byOrder(List.copyOf(firstCopies.values()));
        byOrder.forEach((order, events) -> assertThat(events).extracting(OrderEvent::sequence).as("order %s", order)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList()));
        return byOrder;
    }

    /** The envelopes of each order, in topic (offset) order. */
    public static Map<UUID, List<OrderEvent>> byOrder(List<OrderEvent> events) {
        return events.stream().collect(Collectors.groupingBy(OrderEvent::orderId,
                LinkedHashMap::new, Collectors.toList()));
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s of record at offset %d", name, record.offset()).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static TopicPartition tp(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    private static Set<String> keys(Collection<UUID> orderIds) {
        return orderIds.stream().map(UUID::toString).collect(Collectors.toSet());
    }
}
