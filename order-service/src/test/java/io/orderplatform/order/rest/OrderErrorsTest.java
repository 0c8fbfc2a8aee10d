package io.orderplatform.order.rest;

import static io.orderplatform.order.support.OrderRequests.cancel;
import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.pay;
import static io.orderplatform.order.support.OrderRequests.placeOrder;
import static io.orderplatform.order.support.OrderRequests.post;
import static io.orderplatform.order.support.OrderRequests.validBody;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.orderplatform.contract.Roles;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Every client mistake is a 4xx RFC 7807 problem that says what is wrong; none is a 500. */
@QuarkusTest
class OrderErrorsTest {

    /** Every call of these tests carries a bearer token: the order desk's, which may act for any customer. */
    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    private static final String PROBLEMS = "https://orderplatform.io/problems/";

    // ---- 400: Bean Validation of the body, one field at a time

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing customerId    | {"items": [{"productId": "p", "quantity": 1, "unitPrice": 1}]}                            | customerId          | must not be blank
            blank customerId      | {"customerId": " ", "items": [{"productId": "p", "quantity": 1, "unitPrice": 1}]}        | customerId          | must not be blank
            missing items         | {"customerId": "c"}                                                                     | items               | must not be null
            empty items           | {"customerId": "c", "items": []}                                                        | items               | size must be between 1 and 100
            null item             | {"customerId": "c", "items": [null]}                                                    | items[0]            | must not be null
            missing productId     | {"customerId": "c", "items": [{"quantity": 1, "unitPrice": 1}]}                           | items[0].productId  | must not be blank
            missing quantity      | {"customerId": "c", "items": [{"productId": "p", "unitPrice": 1}]}                        | items[0].quantity   | must not be null
            zero quantity         | {"customerId": "c", "items": [{"productId": "p", "quantity": 0, "unitPrice": 1}]}         | items[0].quantity   | must be greater than or equal to 1
            negative quantity     | {"customerId": "c", "items": [{"productId": "p", "quantity": -3, "unitPrice": 1}]}        | items[0].quantity   | must be greater than or equal to 1
            too large quantity    | {"customerId": "c", "items": [{"productId": "p", "quantity": 10001, "unitPrice": 1}]}     | items[0].quantity   | must be less than or equal to 10000
            missing unitPrice     | {"customerId": "c", "items": [{"productId": "p", "quantity": 1}]}                         | items[0].unitPrice  | must not be null
            zero unitPrice        | {"customerId": "c", "items": [{"productId": "p", "quantity": 1, "unitPrice": 0}]}         | items[0].unitPrice  | must be greater than 0
            negative unitPrice    | {"customerId": "c", "items": [{"productId": "p", "quantity": 1, "unitPrice": -19.99}]}    | items[0].unitPrice  | must be greater than 0
            too many decimals     | {"customerId": "c", "items": [{"productId": "p", "quantity": 1, "unitPrice": 1.999}]}     | items[0].unitPrice  | numeric value out of bounds (<7 digits>.<2 digits> expected)
            price above the limit | {"customerId": "c", "items": [{"productId": "p", "quantity": 1, "unitPrice": 1000000.01}]} | items[0].unitPrice  | must be less than or equal to 1000000
            second line invalid   | {"customerId": "c", "items": [{"productId": "p", "quantity": 1, "unitPrice": 1}, {"productId": "q", "quantity": 0, "unitPrice": 1}]} | items[1].quantity | must be greater than or equal to 1
            """)
    void invalidBodyNamesTheField(String name, String body, String field, String message) {
        problem(post(body), 400, "invalid-request", "/orders")
                .body("title", equalTo("Invalid request"))
                .body("detail", equalTo(field + " " + message))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo(field))
                .body("violations[0].message", equalTo(message));
    }

    @Test
    void tooLongIdsAreRejected() {
        String tooLong = "x".repeat(65);
        problem(post("""
                {"customerId": "%s", "items": [{"productId": "%s", "quantity": 1, "unitPrice": 1}]}""".formatted(tooLong,
                tooLong)), 400, "invalid-request", "/orders")
                .body("detail", equalTo("2 fields are invalid"))
                .body("violations.field", contains("customerId", "items[0].productId"))
                .body("violations.message", everyItem(equalTo("size must be between 0 and 64")));
    }

    @Test
    void moreThan100ItemsAreRejected() {
        String items = IntStream.range(0, 101).mapToObj(i -> "{\"productId\": \"p" + i + "\", \"quantity\": 1, \"unitPrice\": 1}")
                .collect(Collectors.joining(","));
        problem(post("{\"customerId\": \"c\", \"items\": [" + items + "]}"), 400, "invalid-request", "/orders")
                .body("violations[0].field", equalTo("items"))
                .body("violations[0].message", equalTo("size must be between 1 and 100"));
    }

    @Test
    void anAbsurdPriceViolatesBothLimits() {
        problem(post("""
                {"customerId": "c", "items": [{"productId": "p", "quantity": 1, "unitPrice": 1e12}]}"""), 400,
                "invalid-request", "/orders")
                .body("violations.field", everyItem(equalTo("items[0].unitPrice")))
                .body("violations.message", containsInAnyOrder(
                        "must be less than or equal to 1000000",
                        "numeric value out of bounds (<7 digits>.<2 digits> expected)"));
    }

    @Test
    void anEmptyBodyIsRejected() {
        problem(given().contentType(ContentType.JSON).post("/orders").then(), 400, "invalid-request", "/orders")
                .body("violations[0].field", equalTo("body"))
                .body("violations[0].message", equalTo("must not be null"));
    }

    // ---- 400: JSON that does not parse, or values of the wrong type

    @Test
    void malformedJsonIsRejected() {
        problem(post("{\"customerId\": \"c\", \"items\": [{\"productId\": \"p\",, }"), 400, "malformed-json", "/orders")
                .body("title", equalTo("Malformed JSON"))
                .body("detail", startsWith("The request body is not valid JSON for an order: Unexpected character"))
                .body("violations[0].field", equalTo("items[0]"));
    }

    @Test
    void trailingGarbageIsMalformed() {
        problem(post("{\"customerId\": \"c\", \"items\": []} {"), 400, "malformed-json", "/orders")
                .body("detail", containsString("Trailing token"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            quantity as text      | {"customerId": "c", "items": [{"productId": "p", "quantity": "two", "unitPrice": 1}]} | items[0].quantity  | must be a whole number
            quantity as string    | {"customerId": "c", "items": [{"productId": "p", "quantity": "2", "unitPrice": 1}]}   | items[0].quantity  | must be a whole number
            fractional quantity   | {"customerId": "c", "items": [{"productId": "p", "quantity": 1.5, "unitPrice": 1}]}   | items[0].quantity  | must be a whole number
            price as text         | {"customerId": "c", "items": [{"productId": "p", "quantity": 1, "unitPrice": "abc"}]} | items[0].unitPrice | must be a number
            price as object       | {"customerId": "c", "items": [{"productId": "p", "quantity": 1, "unitPrice": {}}]}    | items[0].unitPrice | must be a number
            customerId as number  | {"customerId": 42, "items": [{"productId": "p", "quantity": 1, "unitPrice": 1}]}       | customerId         | must be a string
            items as string       | {"customerId": "c", "items": "p"}                                                     | items              | must be an array
            item as number        | {"customerId": "c", "items": [7]}                                                     | items[0]           | must be an object
            body as array         | [{"customerId": "c"}]                                                                 | body               | must be an object
            quantity out of range | {"customerId": "c", "items": [{"productId": "p", "quantity": 99999999999, "unitPrice": 1}]} | items[0].quantity | is out of range
            """)
    void wrongTypesNameTheField(String name, String body, String field, String message) {
        problem(post(body), 400, "invalid-request", "/orders")
                .body("detail", equalTo(field + " " + message))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo(field))
                .body("violations[0].message", equalTo(message));
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        problem(given().contentType(ContentType.TEXT).body("hello").post("/orders").then(), 415, null, "/orders")
                .body("type", equalTo("about:blank"));
    }

    @Test
    void aMalformedIdempotencyKeyIsRejected() {
        problem(given().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(129))
                .body(validBody(newCustomerId())).post("/orders").then(),
                400, "invalid-request", "/orders")
                .body("violations[0].field", equalTo("Idempotency-Key"))
                .body("violations[0].message", equalTo("must be 1 to 128 visible ASCII characters"));
    }

    // ---- 404

    @Test
    void anUnknownOrderIsNotFound() {
        UUID unknown = UUID.randomUUID();
        problem(given().get("/orders/{id}", unknown).then(), 404, "order-not-found", "/orders/" + unknown)
                .body("title", equalTo("Order not found"))
                .body("detail", equalTo("No order has id " + unknown))
                .body("violations", nullValue());
        problem(pay(unknown), 404, "order-not-found", "/orders/" + unknown + "/pay");
        problem(cancel(unknown), 404, "order-not-found", "/orders/" + unknown + "/cancel");
    }

    @Test
    void aMalformedIdIsNotFound() {
        problem(given().get("/orders/not-a-uuid").then(), 404, "order-not-found", "/orders/not-a-uuid")
                .body("detail", equalTo("No order has id not-a-uuid"));
        problem(given().get("/orders/1-1-1-1-1").then(), 404, "order-not-found", "/orders/1-1-1-1-1");
        problem(pay("not-a-uuid"), 404, "order-not-found", "/orders/not-a-uuid/pay");
    }

    // ---- 409: the state machine

    @Test
    void payingTwiceIsAConflict() {
        UUID id = placeOrder(newCustomerId());
        pay(id).statusCode(200);

        problem(pay(id), 409, "transition-not-allowed", "/orders/" + id + "/pay")
                .body("title", equalTo("Transition not allowed"))
                .body("detail", equalTo("Cannot pay an order that is PAID"))
                .body("currentStatus", equalTo("PAID"))
                .body("action", equalTo("pay"));
    }

    @Test
    void aCancelledOrderAllowsNothing() {
        UUID id = placeOrder(newCustomerId());
        cancel(id).statusCode(200);

        problem(pay(id), 409, "transition-not-allowed", "/orders/" + id + "/pay")
                .body("detail", equalTo("Cannot pay an order that is CANCELLED"))
                .body("currentStatus", equalTo("CANCELLED"))
                .body("action", equalTo("pay"));
        problem(cancel(id), 409, "transition-not-allowed", "/orders/" + id + "/cancel")
                .body("detail", equalTo("Cannot cancel an order that is CANCELLED"))
                .body("currentStatus", equalTo("CANCELLED"))
                .body("action", equalTo("cancel"));
        given().get("/orders/{id}", id).then().body("status", equalTo("CANCELLED")).body("refunded", equalTo(false));
    }

    // ---- 400: paging and filters

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            limit      | 0           | must be a whole number from 1 to 100
            limit      | 101         | must be a whole number from 1 to 100
            limit      | -5          | must be a whole number from 1 to 100
            limit      | abc         | must be a whole number from 1 to 100
            limit      | 99999999999 | must be a whole number from 1 to 100
            page       | 2           | is no longer taken: the next page is cursor=<nextCursor of the previous page>, was '2'
            size       | 50          | is no longer taken: the page size is limit, was '50'
            status     | SHIPPED     | must be one of CREATED, PAID, CANCELLED
            status     | paid        | must be one of CREATED, PAID, CANCELLED
            """)
    void badPagingOrFiltersAreRejected(String parameter, String value, String message) {
        problem(given().queryParam(parameter, value).get("/orders").then(), 400, "invalid-request", "/orders")
                .body("detail", equalTo(parameter + " " + message))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo(parameter))
                .body("violations[0].message", equalTo(message));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not-a-cursor", "bm90LWEtY3Vyc29y",
            // base64url of: an order's key cut short, a dead letter's key (a number for an id), a time no row has
            "MjAyNi0wMS0zMVQxMDowMDowMFo", "MjAyNi0wMS0zMVQxMDowMDowMFovNDI",
            "KzEwMDAwMC0wMS0wMVQwMDowMDowMFovMGI2YzFjOGUtM2Q1My00YzU5LTlmM2EtMGYwZjRlMGMyYTEx" })
    void aCursorThisApiDidNotGiveIsRejected(String cursor) {
        problem(given().queryParam("cursor", cursor).get("/orders").then(), 400, "invalid-request", "/orders")
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("cursor"))
                .body("violations[0].message", startsWith("must be the nextCursor of a previous page"));
    }

    @Test
    void aTooLongCustomerFilterIsRejected() {
        problem(given().queryParam("customerId", "c".repeat(65)).get("/orders").then(), 400, "invalid-request",
                "/orders")
                .body("violations[0].field", equalTo("customerId"))
                .body("violations[0].message", equalTo("size must be between 0 and 64"));
    }

    /** The common shape of every problem; {@code type} null skips checking it. */
    private static ValidatableResponse problem(ValidatableResponse response, int status, String type, String instance) {
        response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("instance", equalTo(instance))
                .body("title", notNullValue());
        if (type != null) {
            response.body("type", equalTo(PROBLEMS + type));
        }
        return response;
    }
}
