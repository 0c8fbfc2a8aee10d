package io.orderplatform.order.rest;

import static io.orderplatform.order.support.OrderRequests.cancel;
import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.pay;
import static io.orderplatform.order.support.OrderRequests.placeOrder;
import static io.orderplatform.order.support.OrderRequests.post;
import static io.orderplatform.order.support.OrderRequests.validBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.Roles;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** The happy paths of every endpoint. */
@QuarkusTest
class OrderResourceTest {

    /** Every call of these tests carries a bearer token: the order desk's, which may act for any customer. */
    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    @BeforeAll
    static void exactMoney() {
        // Amounts are compared as BigDecimal: 44.98 must not pass as a float that is "close enough".
        // (Global, but harmless: no test of this module compares non-integer numbers as floats.)
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    @Test
    void placingAnOrderAnswers201WithLocationAndTheOrder() {
        String customerId = newCustomerId();
        ExtractableResponse<Response> created = post(validBody(customerId))
                .statusCode(201)
                .contentType(containsString("application/json"))
                .body("id", notNullValue())
                .body("customerId", equalTo(customerId))
                .body("status", equalTo("CREATED"))
                .body("items", hasSize(2))
                .body("items[0].productId", equalTo("sku-1"))
                .body("items[0].quantity", equalTo(2))
                .body("items[0].unitPrice", equalTo(new BigDecimal("19.99")))
                .body("items[1].productId", equalTo("sku-2"))
                .body("items[1].unitPrice", equalTo(new BigDecimal("5.00")))
                .body("totalAmount", equalTo(new BigDecimal("44.98")))
                .body("refunded", equalTo(false))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/orders/" + id);
        assertThat(created.header(OrderResource.REPLAYED_HEADER)).isNull();
        assertThat(Instant.parse(created.path("createdAt"))).isEqualTo(Instant.parse(created.path("updatedAt")));
    }

    @Test
    void theLocationServesTheSameOrder() {
        String customerId = newCustomerId();
        ExtractableResponse<Response> created = post(validBody(customerId)).statusCode(201).extract();

        given().when().get(created.header("Location")).then()
                .statusCode(200)
                .body("id", equalTo(created.path("id")))
                .body("customerId", equalTo(customerId))
                .body("status", equalTo("CREATED"))
                .body("items.productId", contains("sku-1", "sku-2"))
                .body("totalAmount", equalTo(new BigDecimal("44.98")))
                .body("createdAt", equalTo(created.path("createdAt")))
                .body("updatedAt", equalTo(created.path("updatedAt")));
    }

    @Test
    void payingMovesToPaid() {
        UUID id = placeOrder(newCustomerId());

        pay(id).statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("status", equalTo("PAID"))
                .body("refunded", equalTo(false))
                .body("totalAmount", equalTo(new BigDecimal("44.98")));
        given().get("/orders/{id}", id).then().statusCode(200).body("status", equalTo("PAID"));
    }

    @Test
    void cancellingACreatedOrderRefundsNothing() {
        UUID id = placeOrder(newCustomerId());

        cancel(id).statusCode(200).body("status", equalTo("CANCELLED")).body("refunded", equalTo(false));
    }

    @Test
    void cancellingAPaidOrderRefundsIt() {
        UUID id = placeOrder(newCustomerId());
        String paidAt = pay(id).statusCode(200).extract().path("updatedAt");

        String cancelledAt = cancel(id).statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("refunded", equalTo(true))
                .extract().path("updatedAt");
        assertThat(Instant.parse(cancelledAt)).isAfterOrEqualTo(Instant.parse(paidAt));
        given().get("/orders/{id}", id).then().body("status", equalTo("CANCELLED")).body("refunded", equalTo(true));
    }

    @Test
    void listingFiltersByCustomerAndStatusNewestFirst() {
        String customerId = newCustomerId();
        UUID first = placeOrder(customerId);
        UUID second = placeOrder(customerId);
        UUID third = placeOrder(customerId);
        pay(second).statusCode(200);
        placeOrder(newCustomerId());

        given().queryParam("customerId", customerId).get("/orders").then()
                .statusCode(200)
                .body("items.id", contains(third.toString(), second.toString(), first.toString()))
                .body("nextCursor", nullValue());
        given().queryParam("customerId", customerId).queryParam("status", "PAID").get("/orders").then()
                .statusCode(200)
                .body("items.id", contains(second.toString()))
                .body("items[0].status", equalTo("PAID"))
                .body("items[0].items", hasSize(2));
        given().queryParam("customerId", customerId).queryParam("status", "CANCELLED").get("/orders").then()
                .statusCode(200)
                .body("items", hasSize(0))
                .body("nextCursor", nullValue());
    }

    @Test
    void listingPagesByCursor() {
        String customerId = newCustomerId();
        UUID first = placeOrder(customerId);
        UUID second = placeOrder(customerId);
        UUID third = placeOrder(customerId);

        String cursor = given().queryParam("customerId", customerId).queryParam("limit", 2).get("/orders").then()
                .statusCode(200)
                .body("items.id", contains(third.toString(), second.toString()))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().queryParam("customerId", customerId).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/orders").then()
                .statusCode(200)
                .body("items.id", contains(first.toString()))
                .body("nextCursor", nullValue());
    }

    @Test
    void listingWithoutFiltersServesAllCustomers() {
        placeOrder(newCustomerId());

        List<String> ids = given().queryParam("limit", 100).get("/orders").then()
                .statusCode(200)
                .extract().path("items.id");
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void theApiIsDocumented() {
        given().get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("info.title", equalTo("order-service"))
                .body("paths", hasKey("/orders"))
                .body("paths", hasKey("/orders/{id}"))
                .body("paths", hasKey("/orders/{id}/pay"))
                .body("paths", hasKey("/orders/{id}/cancel"))
                .body("paths.'/orders'.get.parameters.name", containsInAnyOrder("customerId", "status", "limit", "cursor"))
                .body("paths.'/orders'.get.parameters.find { it.name == 'limit' }.schema.maximum", equalTo(100))
                .body("components.schemas.OrderPageResponse.properties", hasKey("nextCursor"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
