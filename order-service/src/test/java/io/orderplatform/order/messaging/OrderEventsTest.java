package io.orderplatform.order.messaging;

import static io.orderplatform.order.support.OrderEventsTopic.validEnvelopes;
import static io.orderplatform.order.support.OrderRequests.cancel;
import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.pay;
import static io.orderplatform.order.support.OrderRequests.placeOrder;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.OrderLine;
import io.orderplatform.contract.OrderStatus;
import io.orderplatform.contract.Roles;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OrderEventsTopic;
import io.orderplatform.order.support.OutboxAwait;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** What a state change puts on order-events: one contract-valid record per change, in order, keyed by order. */
@QuarkusTest
class OrderEventsTest {

    /** Every call of these tests carries a bearer token: the order desk's, which may act for any customer. */
    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    private static final Logger LOG = Logger.getLogger(OrderEventsTest.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    OutboxEventRepository outbox;

    private OrderEventsTopic topic;
    private ExecutorService clients;

    @BeforeEach
    void setUp() {
        topic = new OrderEventsTopic(companion);
        clients = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        clients.shutdownNow();
    }

    @Test
    void createPayCancelArePublishedInOrderWithSequences1To3() {
        UUID id = placeOrder(newCustomerId());
        pay(id).statusCode(200);
        cancel(id).statusCode(200);

        List<ConsumerRecord<String, String>> records = topic.await(List.of(id), 3, TIMEOUT);
        List<OrderEvent> events = validEnvelopes(records);

        assertThat(records).extracting(ConsumerRecord::key).containsOnly(id.toString());
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        assertThat(records).extracting(ConsumerRecord::offset).isSorted();
        assertThat(events).extracting(OrderEvent::eventType)
                .containsExactly(EventType.ORDER_CREATED, EventType.ORDER_PAID, EventType.ORDER_CANCELLED);
        assertThat(events).extracting(OrderEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(event -> event.payload().status())
                .containsExactly(OrderStatus.CREATED, OrderStatus.PAID, OrderStatus.CANCELLED);
        assertThat(events).extracting(event -> event.payload().refunded()).containsExactly(false, false, true);
        assertThat(events).extracting(OrderEvent::eventId).doesNotHaveDuplicates();
        assertThat(events).allSatisfy(event -> {
            assertThat(event.orderId()).isEqualTo(id);
            assertThat(event.version()).isEqualTo(OrderEvent.CURRENT_VERSION);
            assertThat(event.payload().totalAmount()).isEqualByComparingTo(new BigDecimal("44.98"));
            // Compared by value: the contract's parser drops trailing zeros (5.00 -> 5).
            assertThat(event.payload().items())
                    .usingRecursiveFieldByFieldElementComparator(RecursiveComparisonConfiguration.builder()
                            .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build())
                    .containsExactly(
                    new OrderLine("sku-1", 2, new BigDecimal("19.99")),
                    new OrderLine("sku-2", 1, new BigDecimal("5.00")));
        });
        assertThat(events.get(0).occurredAt()).isBeforeOrEqualTo(events.get(1).occurredAt());
        assertThat(events.get(1).occurredAt()).isBeforeOrEqualTo(events.get(2).occurredAt());
    }

    @Test
    void eachRecordIsItsOutboxRowPublishedOnceAndMarkedSent() {
        UUID id = placeOrder(newCustomerId());
        pay(id).statusCode(200);

        List<OutboxEvent> rows = OutboxAwait.allSent(outbox, List.of(id), 2, TIMEOUT);
        List<ConsumerRecord<String, String>> records = topic.readAll(List.of(id));

        assertThat(records).extracting(ConsumerRecord::value).containsExactly(rows.get(0).payload(),
                rows.get(1).payload());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.attempts()).as("failed attempts").isZero();
            assertThat(row.lastError()).isNull();
            assertThat(row.sentAt()).isAfterOrEqualTo(row.createdAt());
        });
        assertThat(validEnvelopes(records)).extracting(OrderEvent::eventId)
                .containsExactly(rows.get(0).eventId(), rows.get(1).eventId());
        rows.forEach(row -> LOG.infof("%s of order %s marked sent %d ms after its commit", row.eventType(),
                row.orderId(), Duration.between(row.createdAt(), row.sentAt()).toMillis()));
    }

    @Test
    void racingPayAndCancelStillGiveGapFreeSequences() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID id = placeOrder(newCustomerId());
            ids.add(id);
            CompletableFuture<Integer> paid = CompletableFuture.supplyAsync(() -> pay(id).extract().statusCode(), clients);
            CompletableFuture<Integer> cancelled = CompletableFuture.supplyAsync(() -> cancel(id).extract().statusCode(),
                    clients);
            assertThat(cancelled.join()).isEqualTo(200);
            // Paying wins the race (200, then the cancel refunds) or loses it (409 on a cancelled order).
            assertThat(paid.join()).isIn(200, 409);
        }

        List<OutboxEvent> rows = new ArrayList<>();
        for (UUID id : ids) {
            rows.addAll(OutboxAwait.allSent(outbox, List.of(id), eventsOf(id), TIMEOUT));
        }
        Map<UUID, List<OrderEvent>> published = OrderEventsTopic.byOrder(validEnvelopes(topic.readAll(ids)));

        assertThat(published).hasSize(ids.size());
        published.forEach((id, events) -> {
            assertThat(events).extracting(OrderEvent::sequence)
                    .as("sequences of order %s", id)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(events.get(events.size() - 1).payload().status()).isEqualTo(OrderStatus.CANCELLED);
            // Refunded exactly when the cancel came after a payment.
            assertThat(events.get(events.size() - 1).payload().refunded()).isEqualTo(events.size() == 3);
        });
        assertThat(rows.stream().map(OutboxEvent::eventId).toList())
                .containsExactlyInAnyOrderElementsOf(published.values().stream().flatMap(List::stream)
                        .map(OrderEvent::eventId).toList());
    }

    /** Created, (paid,) cancelled: a refunded order was paid before it was cancelled. */
    private static int eventsOf(UUID id) {
        boolean refunded = given().get("/orders/{id}", id).then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .extract().path("refunded");
        return refunded ? 3 : 2;
    }
}
