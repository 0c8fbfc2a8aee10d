package io.orderplatform.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.orderplatform.contract.Roles;
import io.orderplatform.testsupport.DeadLetterApi;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Bad parameters of /admin/dead-letters are 400 problems naming the parameter; unknown ids are 404s. */
@QuarkusTest
class DeadLetterResourceTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the sales figures. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("metrics-tests", Roles.METRICS_READ, Roles.OPERATOR);
    }

    @ParameterizedTest
    @CsvSource({
            "from, yesterday", "from, 2026-01-31", "to, 2026-01-31T25:00:00Z",
            "eventId, not-a-uuid", "orderId, 1-2-3-4-5",
            "status, new", "status, DONE",
            "limit, 0", "limit, 201", "limit, ten",
            "cursor, not-a-cursor" })
    void aBadListParameterIsA400NamingIt(String parameter, String value) {
        given().queryParam(parameter, value).get(DeadLetterApi.PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo(parameter))
                .body("detail", containsString(parameter));
    }

    @Test
    void aReasonLongerThanAnyoneTypesIsA400() {
        given().queryParam("reason", "x".repeat(201)).get(DeadLetterApi.PATH)
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
    }

    @Test
    void aTimeRangeEndingBeforeItStartsIsA400() {
        given().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-31T00:00:00Z")
                .get(DeadLetterApi.PATH)
                .then().statusCode(400).body("violations[0].field", equalTo("from"));
    }

    @ParameterizedTest
    @CsvSource({ "by, week", "by, HOUR", "orderId, nope" })
    void aBadSummaryParameterIsA400NamingIt(String parameter, String value) {
        given().queryParam(parameter, value).get(DeadLetterApi.PATH + "/summary")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo(parameter));
    }

    @Test
    void anIdThatIsNotANumberIsA400AndAnUnknownOneA404() {
        given().get(DeadLetterApi.PATH + "/abc").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("id"));
        given().get(DeadLetterApi.PATH + "/999999999").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("999999999"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}| body",
            "{\"ids\": [1], \"filter\": {}}| body",
            "{\"filter\": {}}| filter",
            "{\"ids\": []}| ids",
            "{\"ids\": [0]}| ids[0]",
            "{\"ids\": [\"1\"]}| ids[0]",
            "{\"dlqOffsets\": [{\"partition\": 0}]}| dlqOffsets[0].offset",
            "{\"dlqOffsets\": [{\"partition\": -1, \"offset\": 3}]}| dlqOffsets[0].partition",
            "{\"filter\": {\"from\": \"soon\"}}| filter.from",
            "{\"filter\": {\"eventId\": \"42\"}}| filter.eventId",
            "{\"filter\": {\"status\": \"GONE\"}}| filter.status",
            "{\"filter\": {}, \"limit\": 0}| limit",
            "{\"filter\": {}, \"limit\": 1001}| limit",
            "{\"filter\": {}, \"dryRun\": \"yes\"}| dryRun",
            "{\"filter\": {}, \"dryrun\": true}| dryrun" })
    void aBadRedriveRequestIsA400NamingTheFieldAndSendsNothing(String body, String field) {
        given().contentType(ContentType.JSON).body(body).post(DeadLetterApi.PATH + "/redrive")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo(field));
    }

    @Test
    void aRedriveWithoutABodyIsA400() {
        given().contentType(ContentType.JSON).post(DeadLetterApi.PATH + "/redrive")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("body"));
    }

    @Test
    void aRedriveOfUnknownIdsIsA404AndSendsNothing() {
        given().contentType(ContentType.JSON).body("{\"ids\": [999999998]}").post(DeadLetterApi.PATH + "/redrive")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("999999998"));
    }

    @Test
    void everyGoodParameterIsAccepted() {
        given().queryParam("reason", "SCHEMA_VIOLATION").queryParam("from", "2026-01-31T10:00:00+01:00")
                .queryParam("to", "2026-02-01T00:00:00Z").queryParam("eventId", "0b6f5a3e-9c1d-4e2f-8a7b-6c5d4e3f2a1b")
                .queryParam("orderId", "6f1c2b8e-2a4d-4f7e-9d35-0c7b1d2e3f40").queryParam("status", "REDRIVEN")
                .queryParam("limit", "200")
                .get(DeadLetterApi.PATH).then().statusCode(200)
                .body("items.size()", equalTo(0)).body("nextCursor", nullValue());
        given().queryParam("by", "hour").get(DeadLetterApi.PATH + "/summary").then().statusCode(200)
                .body("by", equalTo("hour"));
    }

    @Test
    void theServicesOpenApiDocumentDescribesTheDeadLetterApi() {
        String paths = "paths.'" + DeadLetterApi.PATH;
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(paths + "'.get.summary", containsString("newest first"))
                .body(paths + "'.get.parameters.name", hasItems("reason", "from", "to", "eventId", "orderId",
                        "status", "limit", "cursor"))
                .body(paths + "/summary'.get.parameters.name", hasItems("by"))
                .body(paths + "/redrive'.post.requestBody.content.'application/json'.schema.'$ref'",
                        endsWith("RedriveRequest"))
                .body(paths + "/redrive'.post.responses.'400'.content.'application/problem+json'.schema.'$ref'",
                        endsWith("Problem"));
    }
}
