package io.orderplatform.order.messaging;

import static io.orderplatform.order.support.OrderRequests.cancel;
import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.pay;
import static io.orderplatform.order.support.OrderRequests.placeOrder;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.localstack.LocalKafkaCluster;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OrderEventsTopic;
import io.orderplatform.order.support.OutboxAwait;
import io.orderplatform.order.support.OutboxRows;
import io.orderplatform.testsupport.TestInfrastructure;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Brokers away. All three down (the controller stays): orders are still accepted and stored, their events wait in
 * the outbox unsent, and once the brokers are back every event reaches the topic, in order per order; throughout,
 * the instance stays ready and live (a readiness probe must not take every pod out while Kafka is down), the outage
 * shows in the outbox health group and the metrics instead. One at a time, as in a rolling restart: with
 * replication 3 and {@code min.insync.replicas=2} the two brokers left take every write, so events are published
 * while a broker is away, not when it is back.
 */
@QuarkusTest
class KafkaOutageTest {

    /** Every call of these tests carries a bearer token: the order desk's, which may act for any customer. */
    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    /** Brokers take 5-10 s each to start on a small machine; generous bounds keep the test about behaviour. */
    private static final Duration BROKER_START = Duration.ofSeconds(90);
    private static final Duration RECOVERY = Duration.ofSeconds(180);
    /**
     * Published with one broker away: leadership moves within seconds of a controlled shutdown, and the relay's
     * retries (delivery timeout 8 s in tests) follow it; far below the broker's own restart time.
     */
    private static final Duration PUBLISHED_WITH_A_BROKER_AWAY = Duration.ofSeconds(45);
    private static final int ORDERS_PER_BROKER = 10;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    OutboxEventRepository outbox;

    private LocalKafkaCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = TestInfrastructure.get().kafkaCluster()
                .orElseThrow(() -> new TestAbortedException("This test stops brokers: it needs the local cluster"));
    }

    @AfterEach
    void restoreBrokers() {
        if (cluster != null) {
            cluster.restoreAllBrokers(Topics.ORDER_EVENTS, BROKER_START, RECOVERY);
        }
    }

    @Test
    void eventsCommittedWhileKafkaIsDownArePublishedExactlyOnceWhenItIsBack() {
        OrderEventsTopic topic = new OrderEventsTopic(companion);
        // As in a running service, the producer knows the topic before the outage.
        UUID before = placeOrder(newCustomerId());
        topic.await(List.of(before), 1, Duration.ofSeconds(60));
        double failuresBefore = metric("outbox_publish_failures_total");

        cluster.brokerIds().forEach(cluster::stopBroker);

        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(placeOrder(newCustomerId()));
        }
        pay(ids.get(0)).statusCode(200);
        pay(ids.get(1)).statusCode(200);
        cancel(ids.get(1)).statusCode(200);
        cancel(ids.get(2)).statusCode(200);
        int expectedEvents = 5 + 2 + 2;

        // Mark after ack: the relay tries, Kafka acknowledges nothing, so every row stays unsent.
        List<OutboxEvent> whileDown = await("a failed publish attempt").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> OutboxRows.of(outbox, ids), rows -> rows.stream().anyMatch(row -> row.attempts() > 0));
        assertThat(whileDown).hasSize(expectedEvents).allSatisfy(row -> assertThat(row.sentAt()).isNull());
        assertThat(whileDown).filteredOn(row -> row.attempts() > 0)
                .allSatisfy(row -> assertThat(row.lastError()).isNotBlank());
        assertThat(metric("outbox_publish_failures_total")).isGreaterThan(failuresBefore);
        // The backlog is visible in the outbox health group, while the instance stays ready and live all along.
        await("outbox check DOWN").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertReadyAndLive();
                    return outboxCheck().get("status").equals("DOWN");
                });
        given().get("/q/health/group/outbox").then().statusCode(503);
        assertThat(((Number) data(outboxCheck()).get("backlog")).longValue()).isGreaterThanOrEqualTo(expectedEvents);
        UUID placedDuringOutage = placeOrder(newCustomerId());
        assertReadyAndLive();

        cluster.brokerIds().forEach(broker -> cluster.startBroker(broker, BROKER_START));
        cluster.awaitFullyReplicated(Topics.ORDER_EVENTS, RECOVERY);

        List<UUID> allIds = new ArrayList<>(ids);
        allIds.add(placedDuringOutage);
        int allEvents = expectedEvents + 1;
        List<OutboxEvent> rows = OutboxAwait.allSent(outbox, allIds, allEvents, RECOVERY);
        topic.await(allIds, allEvents, Duration.ofSeconds(60));
        // A send that timed out just as the brokers came back may have been written all the same, and is sent again.
        Map<UUID, List<OrderEvent>> byOrder = topic.assertEveryEventPublishedInOrder(allIds, rows);
        assertThat(byOrder.get(ids.get(1))).extracting(OrderEvent::eventType)
                .containsExactly(EventType.ORDER_CREATED, EventType.ORDER_PAID, EventType.ORDER_CANCELLED);
        assertThat(byOrder.get(ids.get(4))).extracting(OrderEvent::eventType).containsExactly(EventType.ORDER_CREATED);

        await("backlog back to 0").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> metric("outbox_backlog") == 0.0);
        await("outbox check UP").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/group/outbox").then().extract().statusCode() == 200);
        assertThat(outboxCheck().get("status")).isEqualTo("UP");
        assertReadyAndLive();
    }

    @Test
    void ordersPlacedWhileEachBrokerInTurnIsAwayArePublishedWithoutWaitingForIt() {
        List<UUID> placed = new ArrayList<>();
        int events = 0;
        for (int broker : cluster.brokerIds()) {
            cluster.stopBroker(broker);

            List<UUID> whileAway = new ArrayList<>();
            for (int i = 0; i < ORDERS_PER_BROKER; i++) {
                UUID order = placeOrder(newCustomerId());
                if (i % 2 == 0) {
                    pay(order).statusCode(200);
                }
                whileAway.add(order);
            }
            int eventsWhileAway = ORDERS_PER_BROKER + (ORDERS_PER_BROKER + 1) / 2;
            OutboxAwait.allSent(outbox, whileAway, eventsWhileAway, PUBLISHED_WITH_A_BROKER_AWAY);
            assertThat(cluster.isRunning(broker)).as("broker %d still away when its orders were published", broker)
                    .isFalse();

            cluster.startBroker(broker, BROKER_START);
            cluster.awaitFullyReplicated(Topics.ORDER_EVENTS, RECOVERY);
            placed.addAll(whileAway);
            events += eventsWhileAway;
        }

        List<OutboxEvent> rows = OutboxAwait.allSent(outbox, placed, events, PUBLISHED_WITH_A_BROKER_AWAY);
        OrderEventsTopic topic = new OrderEventsTopic(companion);
        topic.await(placed, events, Duration.ofSeconds(60));
        // A send whose ack was lost as a leader moved may have been written all the same, and is sent again.
        topic.assertEveryEventPublishedInOrder(placed, rows);
    }

    private static void assertReadyAndLive() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static Map<String, Object> outboxCheck() {
        List<Map<String, Object>> checks = given().get("/q/health/group/outbox").then().extract().path("checks");
        return checks.stream().filter(check -> "outbox".equals(check.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no outbox check in the outbox health group: " + checks));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> check) {
        return (Map<String, Object>) check.get("data");
    }

    /** A metric's value from the Prometheus endpoint. */
    private static double metric(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(text);
        assertThat(matcher.find()).as("metric %s in /q/metrics", name).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
