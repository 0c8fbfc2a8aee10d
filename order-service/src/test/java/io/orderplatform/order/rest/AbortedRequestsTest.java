package io.orderplatform.order.rest;

import static io.orderplatform.order.support.OrderRequests.largestValidBody;
import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.placeOrder;
import static io.orderplatform.order.support.OrderRequests.post;
import static io.orderplatform.order.support.OrderRequests.validBody;
import static io.orderplatform.testsupport.AbortedRequests.get;
import static io.orderplatform.testsupport.AbortedRequests.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.orderplatform.contract.Roles;
import io.orderplatform.testsupport.AbortedRequests;
import io.orderplatform.testsupport.AbortedRequests.Outcome;
import io.orderplatform.testsupport.DatabaseOutageDrill;
import io.orderplatform.testsupport.DatabaseOutageDrill.Fault;
import io.orderplatform.testsupport.DatabaseSessions;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Clients that disconnect while their request's database work is in flight (a killed client, a proxy's timeout) leave
 * nothing behind: no connection the pool counts as in use, no transaction open on the server, and the requests that
 * follow are served normally. On main before the fix, three wrk runs were enough to exhaust the pool for good.
 */
@QuarkusTest
class AbortedRequestsTest {

    /** Every call of these tests carries a bearer token: the order desk's, which may act for any customer. */
    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    private static final long SEED = Long.getLong("aborted-requests.seed", 20261130L);
    private static final int ABORTED = 200;
    private static final int CLIENTS = 16;

    @AfterEach
    void databaseBackUp() {
        DatabaseOutageDrill.bringBack();
    }

    @Test
    void requestsAbortedInFlightLeaveNoConnectionAndNoTransactionBehind() {
        List<UUID> orders = IntStream.range(0, 50).mapToObj(i -> placeOrder(newCustomerId())).toList();
        double inUseBefore = DatabaseSessions.pooledInUse();

        // Deadlines up to 60 ms: most aborts land while the request's transaction runs (one takes 5-50 ms here).
        Outcome outcome = aborting(60).abort(ABORTED, attempt -> everyEndpoint(attempt, orders));

        assertThat(outcome.abortedInFlight()).isGreaterThanOrEqualTo(ABORTED);
        assertNothingLeftBehindAndServing(inUseBefore);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void requestsAbortedDuringADatabaseOutageLeaveNothingBehindOnceItIsBack(Fault fault) {
        List<UUID> orders = IntStream.range(0, 20).mapToObj(i -> placeOrder(newCustomerId())).toList();

        DatabaseOutageDrill.takeAway(fault);
        // Without the database every request waits (up to the pool wait): every one of these is aborted in flight.
        Outcome outcome = aborting(500).abort(ABORTED, attempt -> everyEndpoint(attempt, orders));
        DatabaseOutageDrill.bringBack();

        assertThat(outcome.abortedInFlight()).isGreaterThanOrEqualTo(ABORTED);
        await("an order accepted after the outage").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> post(validBody(newCustomerId())).extract().statusCode() == 201);
        // The server's side only: a connection that died in use under the outage stays counted by the pool's gauge
        // for good (Hibernate Reactive never ends that session), although Vert.x frees its slot.
        DatabaseSessions.awaitNoOpenTransaction("order_service");
        acceptsOrdersOneAfterAnother();
    }

    private static AbortedRequests aborting(int maxDeadlineMillis) {
        return AbortedRequests.ofApplicationUnderTest(CLIENTS, maxDeadlineMillis, SEED)
                .withBearer(Tokens.mint("aborting-client", Roles.ORDERS_WRITE, Roles.ORDERS_READ));
    }

    /** Every endpoint in turn: the largest valid order, a payment, a cancellation, a read and a list. */
    private static String everyEndpoint(int attempt, List<UUID> orders) {
        UUID order = orders.get(attempt % orders.size());
        return switch (attempt % 5) {
            case 0 -> postJson("/orders", largestValidBody(newCustomerId()));
            case 1 -> postJson("/orders/" + order + "/pay", "");
            case 2 -> postJson("/orders/" + order + "/cancel", "");
            case 3 -> get("/orders/" + order);
            default -> get("/orders");
        };
    }


    private static void assertNothingLeftBehindAndServing(double inUseBefore) {
        DatabaseSessions.awaitReleased("order_service", inUseBefore);
        acceptsOrdersOneAfterAnother();
    }

    private static void acceptsOrdersOneAfterAnother() {
        for (int request = 0; request < 500; request++) {
            post(validBody(newCustomerId())).statusCode(201);
        }
    }
}
