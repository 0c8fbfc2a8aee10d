package io.orderplatform.order;

import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.post;
import static io.orderplatform.order.support.OrderRequests.validBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.TestAbortedException;

import io.orderplatform.contract.Roles;
import io.orderplatform.localstack.LocalMariaDb;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OutboxAwait;
import io.orderplatform.problem.Problem;
import io.orderplatform.problem.ProblemType;
import io.orderplatform.testsupport.DatabaseOutageDrill;
import io.orderplatform.testsupport.DatabaseOutageDrill.Fault;
import io.orderplatform.testsupport.TestInfrastructure;
import io.orderplatform.testsupport.Tokens;
import io.restassured.response.ValidatableResponse;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Without its database the service cannot accept orders, so it is not ready (the load balancer stops sending it
 * requests), but it stays live (restarting it would not bring the database back); with the database back it is
 * ready, accepts orders again, and its outbox relay publishes them.
 */
@QuarkusTest
class DatabaseOutageTest {

    /** Every call of these tests carries a bearer token: the order desk's, which may act for any customer. */
    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    private static final Duration RECOVERY = Duration.ofSeconds(60);
    /**
     * A round the outage left waiting on a dead connection is given up as soon as its lease is seen free
     * (order.outbox.lease-check-interval, 2 s), not after the round timeout (30 s in tests): published within seconds.
     */
    private static final Duration PUBLISHED = Duration.ofSeconds(15);

    @Inject
    OutboxEventRepository outbox;

    /** The bound for a 503 without the database: the pool wait (3 s) or the request timeout (4 s). */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(5);

    @AfterEach
    void databaseBackUp() {
        DatabaseOutageDrill.bringBack();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void withoutTheDatabaseAnOrderIsRefusedAtOnceWith503AndRetryAfterAndAcceptedOnceItIsBack(Fault fault) {
        post(validBody(newCustomerId())).statusCode(201); // a pooled connection exists: a frozen server keeps it

        DatabaseOutageDrill.takeAway(fault);
        for (int attempt = 0; attempt < 3; attempt++) {
            long started = System.nanoTime();
            ValidatableResponse refused = post(validBody(newCustomerId()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            refused.statusCode(503)
                    .contentType(Problem.MEDIA_TYPE)
                    .header("Retry-After", "5")
                    .body("type", equalTo(ProblemType.SERVICE_UNAVAILABLE.uri()))
                    .body("status", equalTo(503));
            assertThat(took).isLessThan(ANSWERED_WITHIN);
        }
        DatabaseOutageDrill.bringBack();

        String accepted = await("an order accepted").atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .until(() -> post(validBody(newCustomerId())).extract(), response -> response.statusCode() == 201)
                .path("id");
        // ... and published: the relay, whose round the outage may have left waiting, recovers by itself too.
        OutboxAwait.allSent(outbox, List.of(UUID.fromString(accepted)), 1, PUBLISHED);
    }

    @Test
    void withoutTheDatabaseTheInstanceIsNotReadyButLiveAndRecoversFully() {
        LocalMariaDb database = TestInfrastructure.get().mariaDb()
                .orElseThrow(() -> new TestAbortedException("This test stops the database: it needs the local one"));
        given().get("/q/health/ready").then().statusCode(200);

        database.stop();
        try {
            await("readiness DOWN").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> given().get("/q/health/ready").then().extract().statusCode() == 503);
            given().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'database' }.status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            database.start();
        }

        await("readiness UP").atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").then().extract().statusCode() == 200);
        String accepted = await("an order accepted").atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .until(() -> post(validBody(newCustomerId())).extract(),
                        response -> response.statusCode() == 201)
                .path("id");
        // ... and the outbox relay, whose round the outage may have left waiting, publishes again at once.
        OutboxAwait.allSent(outbox, List.of(UUID.fromString(accepted)), 1, PUBLISHED);
    }
}
