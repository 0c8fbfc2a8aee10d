package io.orderplatform.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.Roles;
import io.orderplatform.problem.Problem;
import io.orderplatform.problem.ProblemType;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call a consumer service: its own read role for its own API, operator for the dead-letter API; 401 and 403
 * as problems; health and metrics open. Each consumer's {@code @QuarkusTest} extends this with its read path and role.
 * Every request here sends its own header.
 */
public abstract class ConsumerSecurityChecks {

    private final String readPath;
    private final String readRole;
    private final String reader;

    /**
     * @param readPath a GET of the service's own API that answers 200 with {@code readRole}
     * @param readRole the role that reads it ({@code metrics:read}, {@code audit:read})
     */
    protected ConsumerSecurityChecks(String readPath, String readRole) {
        this.readPath = readPath;
        this.readRole = readRole;
        this.reader = "reader-of-" + readPath;
    }

    @BeforeEach
    protected void noDefaultToken() {
        Tokens.callAnonymously();
    }

    @AfterEach
    protected void stillNoDefaultToken() {
        Tokens.callAnonymously();
    }

    @Test
    public void withoutATokenTheApiIs401WithAProblemAndABearerChallenge() {
        given().get(readPath).then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo(ProblemType.UNAUTHORIZED.uri()))
                .body("status", equalTo(401));
    }

    @Test
    public void anExpiredTokenIs401WithAProblem() {
        as(Tokens.expired(reader, readRole)).get(readPath).then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    public void aWronglySignedTokenIs401WithAProblem() {
        as(Tokens.wronglySigned(reader, readRole)).get(readPath).then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.UNAUTHORIZED.uri()));
    }

    @Test
    public void aTokenWithoutTheReadRoleIs403WithAProblem() {
        as(Tokens.mint("customer-1", Roles.ORDERS_WRITE, Roles.ORDERS_READ)).get(readPath).then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.FORBIDDEN.uri()))
                .body("status", equalTo(403));
    }

    @Test
    public void theReadRoleReadsTheApi() {
        as(Tokens.mint(reader, readRole)).get(readPath).then().statusCode(200);
    }

    @Test
    public void theReadRoleDoesNotOpenTheDeadLetterApi() {
        as(Tokens.mint(reader, readRole)).get(DeadLetterApi.PATH).then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    public void aRedriveWithoutTheOperatorRoleIs403AndSendsNothing() {
        as(Tokens.mint(reader, readRole)).contentType(ContentType.JSON)
                .body("{\"filter\": {\"status\": \"NEW\"}}").post(DeadLetterApi.PATH + "/redrive").then()
                .statusCode(403).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    public void aRedriveWithoutATokenIs401() {
        given().contentType(ContentType.JSON).body("{\"filter\": {\"status\": \"NEW\"}}")
                .post(DeadLetterApi.PATH + "/redrive").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    public void theOperatorInspectsDeadLetters() {
        as(Tokens.mint("operator-1", Roles.OPERATOR)).get(DeadLetterApi.PATH + "/summary").then().statusCode(200);
    }

    @Test
    public void healthAndMetricsStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    private static RequestSpecification as(String token) {
        return given().header(Tokens.AUTHORIZATION, Tokens.bearer(token));
    }
}
