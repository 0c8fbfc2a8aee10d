package io.orderplatform.testsupport;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The /admin/dead-letters API of the consumer service under test, as an operator (or infra/bin/dlq) calls it: with
 * the calling test's token ({@link Tokens#callAs}), which needs the role {@code operator}.
 */
public final class DeadLetterApi {

    public static final String PATH = "/admin/dead-letters";

    private DeadLetterApi() {
    }

    /** The items of the first page of dead letters with these query parameters (newest first). */
    public static List<Map<String, Object>> list(Map<String, ?> parameters) {
        return page(parameters).getList("items");
    }

    public static JsonPath page(Map<String, ?> parameters) {
        return given().queryParams(parameters).get(PATH).then().statusCode(200).extract().jsonPath();
    }

    /** The dead letters of one order, newest first. */
    public static List<Map<String, Object>> ofOrder(Object orderId) {
        return list(Map.of("orderId", orderId.toString()));
    }

    public static JsonPath summary(Map<String, ?> parameters) {
        return given().queryParams(parameters).get(PATH + "/summary").then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath detail(Object id) {
        return given().get(PATH + "/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    /** POST /redrive with this JSON body, expecting 200: the result. */
    public static JsonPath redrive(String jsonBody) {
        return given().contentType(ContentType.JSON).body(jsonBody).post(PATH + "/redrive")
                .then().statusCode(200).extract().jsonPath();
    }
}
