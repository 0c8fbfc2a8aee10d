package io.orderplatform.audit;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Topics;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerBuilder;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** What the audit-consumer tests share: producing events, reading the trail and the counters. */
final class AuditTestSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private AuditTestSupport() {
    }

    /** A partition for one test's records: one partition keeps their order, so a later record is a barrier. */
    static int anyPartition() {
        return ThreadLocalRandom.current().nextInt(6);
    }

    /**
     * Produces events, in this order, to one partition of order-events, as order-service writes them, and waits
     * for the broker's acks: the metadata of each, in the same order (one partition acks in order).
     */
    static List<RecordMetadata> produce(KafkaCompanion companion, int partition, OrderEvent... events) {
        List<ProducerRecord<String, String>> records = Arrays.stream(events)
                .map(OrderEventFixtures::record)
                .map(r -> new ProducerRecord<>(Topics.ORDER_EVENTS, partition, r.key(), r.value(), r.headers()))
                .toList();
        return companion.produceStrings().fromRecords(records).awaitCompletion(TIMEOUT).getRecords();
    }

    /**
     * A consumer of order-events in a group of its own that never commits: another consumer group, as
     * metrics-consumer's is. It starts reading the records with these keys from the start of the topic, and
     * this returns once it was assigned its partitions.
     */
    static ConsumerTask<String, byte[]> otherGroupReads(KafkaCompanion companion, String group, Set<String> keys,
            int count) {
        ConsumerBuilder<String, byte[]> consumer = companion.consume(String.class, byte[].class)
                .withGroupId(group)
                .withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .withProp(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        ConsumerTask<String, byte[]> task = consumer.fromTopics(Set.of(Topics.ORDER_EVENTS),
                records -> records.filter(r -> keys.contains(r.key())).select().first(count));
        consumer.waitForAssignment().await().atMost(TIMEOUT);
        return task;
    }

    /** The keys (order ids) of these events' records. */
    static Set<String> keysOf(Collection<OrderEvent> events) {
        return events.stream().map(e -> e.orderId().toString()).collect(Collectors.toUnmodifiableSet());
    }

    /** The order's trail, or null while nothing is recorded for it. */
    static JsonPath trail(Object orderId) {
        Response response = given().get("/audit/orders/{id}", orderId);
        return response.statusCode() == 404 ? null : response.then().statusCode(200).extract().jsonPath();
    }

    /** How many entries the order's trail has (0 while none). */
    static int entries(Object orderId) {
        JsonPath trail = trail(orderId);
        return trail == null ? 0 : trail.getList("entries").size();
    }

    /** Whether an event with this eventId is recorded. */
    static boolean recorded(Object eventId) {
        int status = given().get("/audit/events/{id}", eventId).then().extract().statusCode();
        if (status != 200 && status != 404) {
            throw new AssertionError("GET /audit/events/" + eventId + " answered " + status);
        }
        return status == 200;
    }
}
