package io.orderplatform.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.orderplatform.contract.Roles;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Bad parameters get 400 with a problem body naming the parameter; unknown products 404. */
@QuarkusTest
class MetricsResourceTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the sales figures. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("metrics-tests", Roles.METRICS_READ, Roles.OPERATOR);
    }

    @ParameterizedTest
    @CsvSource({
            "by, price", "by, ''unitz''",
            "limit, 0", "limit, 101", "limit, -3", "limit, ten", "limit, 1.5" })
    void aBadRankingParameterIsA400NamingIt(String parameter, String value) {
        given().queryParam(parameter, value).get("/metrics/products/top")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo(parameter))
                .body("detail", containsString(parameter));
    }

    @Test
    void theRankingDefaultsToTenByUnits() {
        given().get("/metrics/products/top").then().statusCode(200);
        given().queryParam("by", "REVENUE").queryParam("limit", "100").get("/metrics/products/top")
                .then().statusCode(200);
    }

    @Test
    void anUnknownProductIsA404Problem() {
        given().get("/metrics/products/{id}", "no-such-product")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("no-such-product"));
    }
}
