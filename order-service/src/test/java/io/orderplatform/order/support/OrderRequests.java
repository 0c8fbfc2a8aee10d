package io.orderplatform.order.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** REST calls and request bodies shared by the tests. */
public final class OrderRequests {

    private OrderRequests() {
    }

    /** A customer id no other test uses, so list and event assertions see only this test's orders. */
    public static String newCustomerId() {
        return "customer-" + UUID.randomUUID();
    }

    /** A valid body: 2 x 19.99 + 1 x 5.00 = 44.98. */
    public static String validBody(String customerId) {
        return """
                {"customerId": "%s", "items": [
                  {"productId": "sku-1", "quantity": 2, "unitPrice": 19.99},
                  {"productId": "sku-2", "quantity": 1, "unitPrice": 5.00}
                ]}""".formatted(customerId);
    }

    /** The largest valid body: 100 lines, each with a 64-character product id. */
    public static String largestValidBody(String customerId) {
        StringBuilder items = new StringBuilder();
        for (int line = 0; line < 100; line++) {
            items.append(line == 0 ? "" : ",").append("{\"productId\": \"%064d\", \"quantity\": 10000, \"unitPrice\": 999999.99}"
                    .formatted(line));
        }
        return "{\"customerId\": \"%s\", \"items\": [%s]}".formatted(customerId, items);
    }

    public static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/orders").then();
    }

    /** Places a valid order and returns its id. */
    public static UUID placeOrder(String customerId) {
        return UUID.fromString(post(validBody(customerId)).statusCode(201).extract().path("id"));
    }

    public static ValidatableResponse pay(Object orderId) {
        return given().when().post("/orders/{id}/pay", orderId).then();
    }

    public static ValidatableResponse cancel(Object orderId) {
        return given().when().post("/orders/{id}/cancel", orderId).then();
    }
}
