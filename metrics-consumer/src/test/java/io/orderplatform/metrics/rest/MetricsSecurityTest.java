package io.orderplatform.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.Roles;
import io.orderplatform.problem.Problem;
import io.orderplatform.problem.ProblemType;
import io.orderplatform.testsupport.DeadLetterApi;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call metrics-consumer: metrics:read for the sales figures, operator for the dead-letter API; 401 and 403 as
 * problems; health and metrics open. Every request here sends its own header.
 */
@QuarkusTest
class MetricsSecurityTest {

    @BeforeEach
    void noDefaultToken() {
        Tokens.callAnonymously();
    }

    @AfterEach
    void stillNoDefaultToken() {
        Tokens.callAnonymously();
    }

    @Test
    void withoutATokenTheFiguresAre401WithAProblemAndABearerChallenge() {
        given().get("/metrics/summary").then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo(ProblemType.UNAUTHORIZED.uri()))
                .body("status", equalTo(401));
    }

    @Test
    void anExpiredTokenIs401WithAProblem() {
        as(Tokens.expired("analyst", Roles.METRICS_READ)).get("/metrics/summary").then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aWronglySignedTokenIs401WithAProblem() {
        as(Tokens.wronglySigned("analyst", Roles.METRICS_READ)).get("/metrics/summary").then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.UNAUTHORIZED.uri()));
    }

    @Test
    void aTokenWithoutMetricsReadIs403WithAProblem() {
        as(Tokens.mint("customer-1", Roles.ORDERS_WRITE, Roles.ORDERS_READ)).get("/metrics/products/top").then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.FORBIDDEN.uri()))
                .body("status", equalTo(403));
    }

    @Test
    void metricsReadReadsTheFigures() {
        as(Tokens.mint("analyst", Roles.METRICS_READ)).get("/metrics/summary").then().statusCode(200);
    }

    @Test
    void readingTheFiguresDoesNotOpenTheDeadLetterApi() {
        as(Tokens.mint("analyst", Roles.METRICS_READ)).get(DeadLetterApi.PATH).then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aRedriveWithoutTheOperatorRoleIs403AndSendsNothing() {
        as(Tokens.mint("analyst", Roles.METRICS_READ)).contentType(ContentType.JSON)
                .body("{\"filter\": {\"status\": \"NEW\"}}").post(DeadLetterApi.PATH + "/redrive").then()
                .statusCode(403).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aRedriveWithoutATokenIs401() {
        given().contentType(ContentType.JSON).body("{\"filter\": {\"status\": \"NEW\"}}")
                .post(DeadLetterApi.PATH + "/redrive").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void theOperatorInspectsDeadLetters() {
        as(Tokens.mint("operator-1", Roles.OPERATOR)).get(DeadLetterApi.PATH + "/summary").then().statusCode(200);
    }

    @Test
    void healthAndMetricsStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    private static RequestSpecification as(String token) {
        return given().header(Tokens.AUTHORIZATION, Tokens.bearer(token));
    }
}
