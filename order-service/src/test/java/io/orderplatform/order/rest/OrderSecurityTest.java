package io.orderplatform.order.rest;

import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.validBody;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.Roles;
import io.orderplatform.problem.Problem;
import io.orderplatform.problem.ProblemType;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Who may call the orders API: bearer tokens with roles, 401 and 403 as problems, and a customer's token (subject =
 * customer id, without orders:read) confined to that customer's orders. Every request here sends its own header.
 */
@QuarkusTest
class OrderSecurityTest {

    @BeforeEach
    void noDefaultToken() {
        Tokens.callAnonymously();
    }

    @AfterEach
    void stillNoDefaultToken() {
        Tokens.callAnonymously();
    }

    // ---- Authentication

    @Test
    void withoutATokenTheApiAnswers401WithAProblemAndABearerChallenge() {
        given().get("/orders").then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo(ProblemType.UNAUTHORIZED.uri()))
                .body("status", equalTo(401));
    }

    @Test
    void anExpiredTokenIs401WithAProblem() {
        String customer = newCustomerId();
        createAs(Tokens.expired(customer, Roles.ORDERS_WRITE), validBody(customer)).statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo(ProblemType.UNAUTHORIZED.uri()));
    }

    @Test
    void aWronglySignedTokenIs401WithAProblem() {
        String customer = newCustomerId();
        createAs(Tokens.wronglySigned(customer, Roles.ORDERS_WRITE, Roles.ORDERS_READ), validBody(customer))
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.UNAUTHORIZED.uri()));
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        var claims = Tokens.claims("someone", Roles.ORDERS_READ);
        claims.setAudience("another-platform");
        given().header(Tokens.AUTHORIZATION, Tokens.bearer(Tokens.sign(claims))).get("/orders").then()
                .statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aTokenWithoutAnOrderRoleIs403WithAProblem() {
        given().header(Tokens.AUTHORIZATION, Tokens.bearer(Tokens.mint("analyst", Roles.METRICS_READ)))
                .get("/orders").then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.FORBIDDEN.uri()))
                .body("status", equalTo(403));
    }

    @Test
    void readingAllOrdersDoesNotAllowPlacingOne() {
        String customer = newCustomerId();
        createAs(Tokens.mint("auditor", Roles.ORDERS_READ), validBody(customer)).statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void healthMetricsAndTheApiDocumentStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void theApiDocumentDeclaresTheBearerScheme() {
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.securitySchemes.bearer.bearerFormat", equalTo("JWT"));
    }

    // ---- A customer's own orders

    @Test
    void aCustomerPlacesReadsPaysAndCancelsItsOwnOrders() {
        String customer = newCustomerId();
        String token = customerToken(customer);
        String id = createAs(token, validBody(customer)).statusCode(201).extract().path("id");

        as(token).get("/orders/{id}", id).then().statusCode(200).body("customerId", equalTo(customer));
        as(token).post("/orders/{id}/pay", id).then().statusCode(200).body("status", equalTo("PAID"));
        as(token).post("/orders/{id}/cancel", id).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void aCustomerCannotPlaceAnOrderForAnotherCustomer() {
        String customer = newCustomerId();
        createAs(customerToken(customer), validBody(newCustomerId())).statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.FORBIDDEN.uri()))
                .body("violations[0].field", equalTo("customerId"));
    }

    @Test
    void anotherCustomersOrderIsNotFoundLikeAnUnknownId() {
        String owner = newCustomerId();
        String id = placeFor(owner);
        String intruder = customerToken(newCustomerId());

        ValidatableResponse unknown = as(intruder).get("/orders/{id}", UUID.randomUUID()).then();
        as(intruder).get("/orders/{id}", id).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(unknown.extract().<String> path("type")))
                .body("title", equalTo(unknown.extract().<String> path("title")));
    }

    @Test
    void aCustomerCannotPayAnotherCustomersOrder() {
        String id = placeFor(newCustomerId());
        as(customerToken(newCustomerId())).post("/orders/{id}/pay", id).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        asDesk().get("/orders/{id}", id).then().statusCode(200).body("status", equalTo("CREATED"));
    }

    @Test
    void aCustomerCannotCancelAnotherCustomersOrder() {
        String id = placeFor(newCustomerId());
        as(customerToken(newCustomerId())).post("/orders/{id}/cancel", id).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        asDesk().get("/orders/{id}", id).then().statusCode(200).body("status", equalTo("CREATED"));
    }

    @Test
    void aCustomersListHoldsOnlyItsOwnOrders() {
        String customer = newCustomerId();
        String own = createAs(customerToken(customer), validBody(customer)).statusCode(201).extract().path("id");
        String others = placeFor(newCustomerId());

        as(customerToken(customer)).get("/orders?limit=100").then().statusCode(200)
                .body("items.id", hasItem(own))
                .body("items.id", not(hasItem(others)))
                .body("items.customerId", everyItem(equalTo(customer)));
    }

    @Test
    void aCustomerListingAnotherCustomersOrdersIs403NamingCustomerId() {
        as(customerToken(newCustomerId())).get("/orders?customerId={other}", newCustomerId()).then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("violations[0].field", equalTo("customerId"));
    }

    @Test
    void aTokenWithOrdersReadReadsEveryCustomersOrders() {
        String customer = newCustomerId();
        String id = placeFor(customer);
        String reader = Tokens.mint("back-office", Roles.ORDERS_READ);

        as(reader).get("/orders/{id}", id).then().statusCode(200);
        as(reader).get("/orders?customerId={customer}", customer).then().statusCode(200)
                .body("items.id", hasItem(id));
    }

    // ---- Idempotency keys belong to their client

    @Test
    void theSameKeyFromTwoClientsMakesTwoOrders() {
        String key = UUID.randomUUID().toString();
        String alice = newCustomerId();
        String bob = newCustomerId();

        String first = createAs(customerToken(alice), validBody(alice), key).statusCode(201).extract().path("id");
        String second = createAs(customerToken(bob), validBody(bob), key).statusCode(201)
                .header(OrderResource.REPLAYED_HEADER, org.hamcrest.Matchers.nullValue()).extract().path("id");

        org.assertj.core.api.Assertions.assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aKeyReusedByItsOwnClientIsStillRefusedWith422() {
        String key = UUID.randomUUID().toString();
        String customer = newCustomerId();
        String token = customerToken(customer);
        createAs(token, validBody(customer), key).statusCode(201);

        createAs(token, OrderRequestsBodies.otherBody(customer), key).statusCode(422)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void anotherClientsKeyNeverRevealsItsOrder() {
        String key = UUID.randomUUID().toString();
        String alice = newCustomerId();
        String desk = Tokens.mint("desk-" + UUID.randomUUID(), Roles.ORDERS_WRITE, Roles.ORDERS_READ);
        String alicesOrder = createAs(customerToken(alice), validBody(alice), key).statusCode(201)
                .extract().path("id");

        // Another client sends the same key with a different body: a new order, no 422 naming Alice's.
        String desksOrder = createAs(desk, OrderRequestsBodies.otherBody(alice), key).statusCode(201)
                .extract().path("id");
        org.assertj.core.api.Assertions.assertThat(desksOrder).isNotEqualTo(alicesOrder);
    }

    // ---- Helpers

    private static String customerToken(String customerId) {
        return Tokens.mint(customerId, Roles.ORDERS_WRITE);
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        return given().header(Tokens.AUTHORIZATION, Tokens.bearer(token));
    }

    private static io.restassured.specification.RequestSpecification asDesk() {
        return as(Tokens.mint("order-desk", Roles.ORDERS_WRITE, Roles.ORDERS_READ));
    }

    private static ValidatableResponse createAs(String token, String body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/orders").then();
    }

    private static ValidatableResponse createAs(String token, String body, String idempotencyKey) {
        return as(token).contentType(ContentType.JSON).header(IdempotencyKeyHeader.NAME, idempotencyKey).body(body)
                .post("/orders").then();
    }

    /** An order of {@code customerId}, placed by the order desk (a token that may act for anyone). */
    private static String placeFor(String customerId) {
        return asDesk().contentType(ContentType.JSON).body(validBody(customerId)).post("/orders").then()
                .statusCode(201).extract().path("id");
    }

    /** Bodies other than {@code validBody}. */
    private static final class OrderRequestsBodies {
        static String otherBody(String customerId) {
            return """
                    {"customerId": "%s", "items": [{"productId": "sku-other", "quantity": 1, "unitPrice": 1.00}]}"""
                    .formatted(customerId);
        }
    }
}
