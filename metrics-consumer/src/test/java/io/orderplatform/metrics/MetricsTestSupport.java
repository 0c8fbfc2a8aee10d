package io.orderplatform.metrics;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Topics;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** What the metrics-consumer tests share: unique product names, producing events, reading the REST API. */
final class MetricsTestSupport {

    private MetricsTestSupport() {
    }

    /** A product id no other test uses, so tests sharing the database do not see each other's sales. */
    static String product(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A partition for one test's records: one partition keeps their order, so a later record is a barrier. */
    static int anyPartition() {
        return ThreadLocalRandom.current().nextInt(6);
    }

    /** Produces events, in this order, to one partition of order-events, and waits for the broker's acks. */
    static void produce(KafkaCompanion companion, int partition, OrderEvent... events) {
        List<ProducerRecord<String, String>> records = Arrays.stream(events)
                .map(OrderEventFixtures::record)
                .map(r -> new ProducerRecord<>(Topics.ORDER_EVENTS, partition, r.key(), r.value(), r.headers()))
                .toList();
        companion.produceStrings().fromRecords(records).awaitCompletion();
    }

    /** The product's metrics, or null while it has none. */
    static JsonPath productMetrics(String productId) {
        Response response = given().get("/metrics/products/{id}", productId);
        return response.statusCode() == 404 ? null : response.then().statusCode(200).extract().jsonPath();
    }

    static long units(String productId) {
        JsonPath metrics = productMetrics(productId);
        return metrics == null ? 0 : metrics.getLong("units");
    }

    static BigDecimal revenue(String productId) {
        JsonPath metrics = productMetrics(productId);
        return metrics == null ? BigDecimal.ZERO : new BigDecimal(metrics.getString("revenue"));
    }

    static long orders(String productId) {
        JsonPath metrics = productMetrics(productId);
        return metrics == null ? 0 : metrics.getLong("orders");
    }
}
