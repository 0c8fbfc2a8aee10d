package io.orderplatform.audit.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.orderplatform.contract.Roles;
import io.orderplatform.problem.PageCursor;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Bad parameters get 400 with a problem body naming the parameter; unknown ids 404. */
@QuarkusTest
class AuditResourceTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the audit trail. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("audit-tests", Roles.AUDIT_READ, Roles.OPERATOR);
    }

    @ParameterizedTest
    @CsvSource({
            "type, OrderShipped", "type, ORDER_PAID", "type, orderpaid",
            "from, yesterday", "from, 2026-01-31", "from, 2026-01-31T10:00:00", "from, 2026-13-01T00:00:00Z",
            "to, 1700000000", "to, 2026-01-31T25:00:00Z",
            "limit, 0", "limit, 201", "limit, -5", "limit, many",
            "cursor, not-a-cursor", "cursor, MjAyNi0wMS0zMVQxMDowMDowMFovNDI",
            // offset paging is gone
            "page, 1", "size, 50" })
    void aBadSearchParameterIsA400NamingIt(String parameter, String value) {
        given().queryParam(parameter, value).get("/audit/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo(parameter))
                .body("detail", containsString(parameter));
    }

    @Test
    void aTimeRangeEndingBeforeItStartsIsA400() {
        given().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-31T23:59:59Z")
                .get("/audit/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("from"))
                .body("detail", containsString("after"));
    }

    @Test
    void theSearchAcceptsEveryGoodParameterAndDefaultsToPagesOfFifty() {
        given().get("/audit/events").then().statusCode(200)
                .body("items.size()", lessThanOrEqualTo(50));
        String lastCursor = new PageCursor<>(Instant.parse("2026-01-31T09:30:00Z"), UUID.randomUUID()).encode();
        given().queryParam("type", "OrderPaid").queryParam("from", "2026-01-31T10:00:00+01:00")
                .queryParam("to", "2026-01-31T10:00:00Z").queryParam("limit", "200").queryParam("cursor", lastCursor)
                .get("/audit/events").then().statusCode(200)
                .body("items", hasSize(0)).body("nextCursor", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-a-uuid", "1-2-3-4-5", "123" })
    void anOrderIdThatIsNotAUuidIsA400(String orderId) {
        given().get("/audit/orders/{id}", orderId)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("orderId"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-a-uuid", "1-2-3-4-5" })
    void anEventIdThatIsNotAUuidIsA400(String eventId) {
        given().get("/audit/events/{id}", eventId)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("eventId"));
    }

    @Test
    void anOrderWithNothingRecordedIsA404Problem() {
        String orderId = UUID.randomUUID().toString();
        given().get("/audit/orders/{id}", orderId)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString(orderId));
    }

    @Test
    void anUnknownEventIsA404Problem() {
        String eventId = UUID.randomUUID().toString();
        given().get("/audit/events/{id}", eventId)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString(eventId));
    }
}
