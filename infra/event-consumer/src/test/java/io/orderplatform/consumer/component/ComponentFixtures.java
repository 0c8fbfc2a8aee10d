package io.orderplatform.consumer.component;

import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.orderplatform.contract.OrderEvent;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;
import io.orderplatform.testsupport.TestInfrastructure;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Events to produce and what the component application made of them. */
final class ComponentFixtures {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A customerId the contract accepts (up to 64) and the component table does not (32): a data error. */
    static final String CUSTOMER_THE_DATABASE_REFUSES = "c".repeat(40);

    private ComponentFixtures() {
    }

    /** {@code orders} orders, created then paid: two events each, spread over the partitions by key. */
    static List<OrderEvent> createdAndPaid(int orders) {
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            OrderHistory order = order("customer-" + i, line("p-" + UUID.randomUUID(), 1, "1.00"));
            events.add(order.created());
            events.add(order.paid());
        }
        return events;
    }

    /** A valid event whose data the component table refuses on its own. */
    static OrderEvent refusedByTheDatabase() {
        return order(CUSTOMER_THE_DATABASE_REFUSES, line("p-refused", 1, "1.00")).created();
    }

    static void produce(KafkaCompanion companion, List<OrderEvent> events) {
        produce(companion, events, null);
    }

    /** Produces the events as order-service would, all to {@code partition} when it is not null. */
    static void produce(KafkaCompanion companion, List<OrderEvent> events, Integer partition) {
        List<ProducerRecord<String, String>> records = events.stream().map(event -> {
            ProducerRecord<String, String> record = OrderEventFixtures.record(event);
            return new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers());
        }).toList();
        companion.produceStrings().fromRecords(records).awaitCompletion(TIMEOUT);
    }

    static List<String> eventIds(Collection<OrderEvent> events) {
        return events.stream().map(e -> e.eventId().toString()).toList();
    }

    private static final String COUNT_APPLIED = """
            SELECT COUNT(*) FROM applied_event
            WHERE event_id IN (SELECT id FROM JSON_TABLE(?, '$[*]' COLUMNS (id CHAR(36) CHARACTER SET ascii PATH '$')) AS ids)
            """;

    /**
     * How many of these events have a row in applied_event, read over JDBC outside the application; -1 while the
     * database is down.
     */
    static int applied(Collection<String> eventIds) {
        TestInfrastructure infra = TestInfrastructure.get();
        String idsJson = "[" + String.join(",", eventIds.stream().map(id -> '"' + id + '"').toList()) + "]";
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl("event_consumer"), infra.dbUser(),
                infra.dbPassword()); PreparedStatement statement = connection.prepareStatement(COUNT_APPLIED)) {
            statement.setString(1, idsJson);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The readiness document (status 200 or 503). */
    static JsonPath readiness() {
        return given().get("/q/health/ready").then().extract().jsonPath();
    }

    static int livenessStatus() {
        return given().get("/q/health/live").then().extract().statusCode();
    }

    static int readinessStatus() {
        return given().get("/q/health/ready").then().extract().statusCode();
    }
}
