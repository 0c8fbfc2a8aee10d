package io.orderplatform.metrics.rest;

import static io.restassured.RestAssured.given;
import static io.orderplatform.testsupport.AbortedRequests.get;
import static io.orderplatform.testsupport.AbortedRequests.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.Roles;
import io.orderplatform.testsupport.AbortedRequests;
import io.orderplatform.testsupport.AbortedRequests.Outcome;
import io.orderplatform.testsupport.DatabaseSessions;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Clients that disconnect while their read is in flight leave no connection and no transaction behind, on every
 * endpoint of this service, and the requests that follow are served normally.
 */
@QuarkusTest
class AbortedRequestsTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the sales figures. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("metrics-tests", Roles.METRICS_READ, Roles.OPERATOR);
    }

    private static final long SEED = Long.getLong("aborted-requests.seed", 20261130L);
    private static final int ABORTED = 200;

    @Test
    void readsAbortedInFlightLeaveNoConnectionAndNoTransactionBehind() {
        // These reads take a millisecond or two: deadlines up to 3 ms make many of them end mid-flight.
        double inUseBefore = DatabaseSessions.pooledInUse();
        Outcome outcome = AbortedRequests.ofApplicationUnderTest(16, 3, SEED)
                .withBearer(Tokens.mint("aborting-client", Roles.METRICS_READ, Roles.OPERATOR))
                .abort(ABORTED, AbortedRequestsTest::everyEndpoint);

        assertThat(outcome.abortedInFlight()).isGreaterThanOrEqualTo(ABORTED);
        DatabaseSessions.awaitReleased("metrics_consumer", inUseBefore);
        for (int request = 0; request < 500; request++) {
            given().get("/metrics/summary").then().statusCode(200);
        }
    }

    private static String everyEndpoint(int attempt) {
        return switch (attempt % 7) {
            case 0 -> get("/metrics/summary");
            case 1 -> get("/metrics/products/top?by=revenue&limit=100");
            case 2 -> get("/metrics/products/sku-" + attempt);
            case 3 -> get("/admin/dead-letters?limit=200");
            case 4 -> get("/admin/dead-letters/summary?by=hour");
            case 5 -> get("/admin/dead-letters/" + attempt);
            default -> postJson("/admin/dead-letters/redrive", "{\"filter\": {}, \"dryRun\": true}");
        };
    }
}
