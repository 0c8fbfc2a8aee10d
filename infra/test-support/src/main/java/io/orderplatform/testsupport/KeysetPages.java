package io.orderplatform.testsupport;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/** A client of a keyset-paged list ({@code items}, {@code nextCursor}), as the services answer every list. */
public final class KeysetPages {

    /** More pages than any test makes: a walk that gets there goes round in circles. */
    private static final int MAX_PAGES = 1000;

    private KeysetPages() {
    }

    /** One page: GET {@code path} with these query parameters, expecting 200. */
    public static JsonPath page(String path, Map<String, ?> parameters) {
        return given().queryParams(parameters).get(path).then().statusCode(200).extract().jsonPath();
    }

    /** Every page from the one after {@code cursor} (from the first when null), following each nextCursor. */
    public static List<JsonPath> walk(String path, Map<String, ?> parameters, String cursor) {
        List<JsonPath> pages = new ArrayList<>();
        String next = cursor;
        do {
            if (pages.size() == MAX_PAGES) {
                throw new AssertionError("No last page after " + MAX_PAGES + " pages of " + path + " " + parameters);
            }
            Map<String, Object> query = new HashMap<>(parameters);
            if (next != null) {
                query.put("cursor", next);
            }
            JsonPath page = page(path, query);
            pages.add(page);
            next = page.getString("nextCursor");
        } while (next != null);
        return pages;
    }

    /** Every page, from the first. */
    public static List<JsonPath> walk(String path, Map<String, ?> parameters) {
        return walk(path, parameters, null);
    }

    /** The values at {@code itemPath} of every item of these pages, in order. */
    public static List<String> items(List<JsonPath> pages, String itemPath) {
        return pages.stream().flatMap(page -> page.getList("items." + itemPath, String.class).stream()).toList();
    }
}
