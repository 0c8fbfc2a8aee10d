package io.orderplatform.testsupport.fuzz;

/** The kinds of hostile input the fuzzer sends, about equally often each. */
public enum Category {

    WRONG_TYPE("wrong JSON type", "a body field (or the body) with a value of another JSON type"),
    BOUNDARY_VALUE("boundary value", "a body field just or far beyond its schema's bounds: numbers past their "
            + "minimum, maximum or format (MAX_LONG+1, 1e400, -0), strings too long or short, arrays with too many "
            + "items, a required field missing"),
    DEEP_NESTING("deep nesting", "thousands of nested arrays or objects, as the body or in a field"),
    LONG_STRING("long string", "a string of up to 100 KB where the schema does not allow it"),
    NOT_UTF8("not UTF-8", "body bytes that are not UTF-8: invalid sequences, Latin-1, UTF-16"),
    MALFORMED_JSON("malformed JSON", "truncated, trailing garbage, NaN tokens, comments, empty, null"),
    CONTENT_TYPE("wrong content type", "text/plain, XML, multipart, form or no Content-Type at all"),
    ODD_HEADERS("odd headers", "huge, duplicated, non-ASCII or contradictory headers, odd charsets and Accept"),
    PATH_PARAMETER("path parameter", "a path parameter that is no id: not a UUID, numbers, long, encoded "
            + "slashes, invalid percent-escapes, raw non-UTF-8 bytes"),
    QUERY_PARAMETER("query parameter", "query parameters of the wrong type, out of bounds, repeated, empty, "
            + "unknown, non-UTF-8 or with invalid escapes"),
    UNKNOWN_PATH("unknown path", "paths the API does not have, with any method"),
    UNKNOWN_METHOD("unknown method", "methods a path does not have: PATCH, DELETE, PUT, PROPFIND, TRACE, "
            + "made-up and malformed ones"),
    AUTHORIZATION("authorization", "a plain request with a bad Authorization header: missing, another scheme, "
            + "malformed, alg none, tampered, wrongly signed, expired, huge; each must be a 401 problem");

    private final String label;
    private final String description;

    Category(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }
}
