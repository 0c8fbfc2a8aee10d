package io.orderplatform.audit.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/** Bad parameters get 400 with a problem body naming the parameter; unknown ids 404. */
@QuarkusTest
class AuditResourceTest {

    @ParameterizedTest
    @CsvSource({
            "type, OrderShipped", "type, ORDER_PAID", "type, orderpaid",
            "from, yesterday", "from, 2026-01-31", "from, 2026-01-31T10:00:00", "from, 2026-13-01T00:00:00Z",
            "to, 1700000000", "to, 2026-01-31T25:00:00Z",
            "page, -1", "page, one", "page, 1.5",
            "size, 0", "size, 201", "size, -5", "size, many" })
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
    void theSearchAcceptsEveryGoodParameterAndDefaultsToTheFirstPageOfFifty() {
        given().get("/audit/events").then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(50));
        given().queryParam("type", "OrderPaid").queryParam("from", "2026-01-31T10:00:00+01:00")
                .queryParam("to", "2026-01-31T10:00:00Z").queryParam("page", "3").queryParam("size", "200")
                .get("/audit/events").then().statusCode(200)
                .body("page", equalTo(3)).body("size", equalTo(200)).body("total", equalTo(0));
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
