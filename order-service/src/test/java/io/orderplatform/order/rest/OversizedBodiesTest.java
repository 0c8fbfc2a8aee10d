package io.orderplatform.order.rest;

import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.post;
import static io.orderplatform.order.support.OrderRequests.validBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.Roles;
import io.orderplatform.problem.Problem;
import io.orderplatform.problem.ProblemType;
import io.orderplatform.testsupport.OversizedBodies;
import io.orderplatform.testsupport.OversizedBodies.Framing;
import io.orderplatform.testsupport.OversizedBodies.Refusal;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Bodies far beyond the largest valid order are refused with 413 before they are read, so they cost no memory (each
 * client sends only the start of its 9 MB and waits: the answer comes without the rest, see OversizedBodies): on
 * main before the limit, four 8.7 MB orders ran an 80 MB heap out of memory and the service answered nothing more.
 */
@QuarkusTest
class OversizedBodiesTest {

    /** Every call of these tests carries a bearer token: the order desk's, which may act for any customer. */
    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    private static final long NINE_MB = 9L * 1024 * 1024;
    private static final int CLIENTS = 10;
    /** Tests and the app share this JVM: its heap moves by a few MB on its own, a buffered body would be 9 MB. */
    private static final long HEAP_MARGIN = 16L * 1024 * 1024;

    @Test
    void tenConcurrentDeclaredNineMegabyteBodiesAreRefusedWithAProblemBeforeTheyAreRead() {
        long heapBefore = heapAfterGc();

        List<Refusal> refusals = oversizedBodies().post("/orders", CLIENTS, NINE_MB, Framing.CONTENT_LENGTH);

        assertThat(refusals).hasSize(CLIENTS).allSatisfy(refusal -> {
            assertThat(refusal.status()).isEqualTo(413);
            assertThat(refusal.contentType()).startsWith(Problem.MEDIA_TYPE);
            assertThat(refusal.body()).contains(ProblemType.PAYLOAD_TOO_LARGE.uri());
        });
        assertUnharmed(heapBefore);
    }

    /**
     * Without Content-Length the size is known only as the body arrives: Quarkus stops reading at the limit and answers
     * its own 413 (an empty body, written by RESTEasy Reactive's input stream, which no mapper sees).
     */
    @Test
    void tenConcurrentChunkedNineMegabyteBodiesAreRefusedOnceTheyPassTheLimit() {
        long heapBefore = heapAfterGc();

        List<Refusal> refusals = oversizedBodies().post("/orders", CLIENTS, NINE_MB, Framing.CHUNKED);

        assertThat(refusals).hasSize(CLIENTS).allSatisfy(refusal -> {
            assertThat(refusal.status()).isEqualTo(413);
        });
        assertUnharmed(heapBefore);
    }

    private static OversizedBodies oversizedBodies() {
        return new OversizedBodies(URI.create(RestAssured.baseURI + ":" + RestAssured.port),
                Tokens.mint("oversized-client", Roles.ORDERS_WRITE));
    }

    /** Nothing of the bodies is left in memory, and the service is ready and takes orders. */
    private static void assertUnharmed(long heapBefore) {
        assertThat(heapAfterGc()).isLessThan(heapBefore + HEAP_MARGIN);
        given().get("/q/health/ready").then().statusCode(200);
        post(validBody(newCustomerId())).statusCode(201);
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
