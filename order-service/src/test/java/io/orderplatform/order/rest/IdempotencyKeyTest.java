package io.orderplatform.order.rest;

import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.pay;
import static io.orderplatform.order.support.OrderRequests.validBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Roles;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OrderEventsTopic;
import io.orderplatform.order.support.OutboxAwait;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** POST /orders with an Idempotency-Key: retries are safe, reuse for another request is refused. */
@QuarkusTest
class IdempotencyKeyTest {

    /** Every call of these tests carries a bearer token: the order desk's, which may act for any customer. */
    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    OutboxEventRepository outbox;

    @Test
    void aRetryReturnsTheFirstOrderAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String customerId = newCustomerId();

        ExtractableResponse<Response> first = post(key, validBody(customerId)).statusCode(201).extract();
        ExtractableResponse<Response> retry = post(key, validBody(customerId)).statusCode(201).extract();

        UUID id = UUID.fromString(first.path("id"));
        assertThat(retry.<String> path("id")).isEqualTo(id.toString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.<String> path("createdAt")).isEqualTo(first.path("createdAt"));
        assertThat(first.header(OrderResource.REPLAYED_HEADER)).isNull();
        assertThat(retry.header(OrderResource.REPLAYED_HEADER)).isEqualTo("true");
        assertOneOrderWithOneOrderCreated(customerId, id);
    }

    @Test
    void theSameRequestWrittenDifferentlyIsARetry() {
        String key = UUID.randomUUID().toString();
        String customerId = newCustomerId();
        UUID id = UUID.fromString(post(key, validBody(customerId)).statusCode(201).extract().path("id"));

        // Other whitespace, field order and price scale (5 is 5.00): the same order.
        String sameOrder = """
                {"items":[{"unitPrice":19.99,"quantity":2,"productId":"sku-1"},{"productId":"sku-2","unitPrice":5,"quantity":1}],
                 "customerId":"%s"}""".formatted(customerId);
        post(key, sameOrder).statusCode(201).body("id", equalTo(id.toString()));
    }

    @Test
    void aRetryAfterAPaymentReturnsTheOrderAsItIsNow() {
        String key = UUID.randomUUID().toString();
        String customerId = newCustomerId();
        UUID id = UUID.fromString(post(key, validBody(customerId)).statusCode(201).extract().path("id"));
        pay(id).statusCode(200);

        post(key, validBody(customerId)).statusCode(201)
                .body("id", equalTo(id.toString()))
                .body("status", equalTo("PAID"));
    }

    @Test
    void reusingAKeyForAnotherRequestIs422() {
        String key = UUID.randomUUID().toString();
        String customerId = newCustomerId();
        String otherCustomerId = newCustomerId();
        UUID id = UUID.fromString(post(key, validBody(customerId)).statusCode(201).extract().path("id"));

        post(key, validBody(otherCustomerId))
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://orderplatform.io/problems/idempotency-key-reused"))
                .body("title", equalTo("Idempotency key reused"))
                .body("status", equalTo(422))
                .body("detail", equalTo("This Idempotency-Key was already used for a different request (it created order "
                        + id + ")"))
                .body("instance", equalTo("/orders"));
        given().queryParam("customerId", otherCustomerId).get("/orders").then().body("items", hasSize(0));
    }

    @Test
    void keysAreCaseSensitive() {
        String key = "Key-" + UUID.randomUUID();
        String customerId = newCustomerId();
        String first = post(key, validBody(customerId)).statusCode(201).extract().path("id");

        String second = post(key.toLowerCase(), validBody(customerId)).statusCode(201).extract().path("id");

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void concurrentRequestsWithOneKeyCreateExactlyOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        String customerId = newCustomerId();
        int requests = 8;
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ExtractableResponse<Response>>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                responses.add(clients.submit(() -> {
                    start.await();
                    return post(key, validBody(customerId)).extract();
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> response : responses) {
                ExtractableResponse<Response> created = response.get(60, TimeUnit.SECONDS);
                assertThat(created.statusCode()).as(created.body().asString()).isEqualTo(201);
                ids.add(created.path("id"));
            }
            assertThat(ids).containsOnly(ids.get(0));
            assertOneOrderWithOneOrderCreated(customerId, UUID.fromString(ids.get(0)));
        } finally {
            clients.shutdownNow();
        }
    }

    private void assertOneOrderWithOneOrderCreated(String customerId, UUID id) {
        given().queryParam("customerId", customerId).get("/orders").then()
                .body("items.id", contains(id.toString()));
        OutboxAwait.allSent(outbox, List.of(id), 1, TIMEOUT);
        List<OrderEvent> events = OrderEventsTopic.validEnvelopes(new OrderEventsTopic(companion).readAll(List.of(id)));
        assertThat(events).extracting(OrderEvent::eventType).containsExactly(EventType.ORDER_CREATED);
    }

    private static io.restassured.response.ValidatableResponse post(String key, String body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/orders").then();
    }
}
