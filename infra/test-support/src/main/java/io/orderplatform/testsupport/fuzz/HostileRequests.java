package io.orderplatform.testsupport.fuzz;

import static io.orderplatform.testsupport.fuzz.HostileValues.pick;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.orderplatform.testsupport.fuzz.ApiDescription.Operation;
import io.orderplatform.testsupport.fuzz.ApiDescription.Parameter;

/**
 * Generates hostile requests from an API's description, each of one {@link Category}, all drawn from one
 * {@link Random}: the same seed and document give the same requests in the same order.
 * <p>
 * Every request that could change something (any method but GET, HEAD and OPTIONS) is built to be refused: its
 * body breaks the operation's schema or is not JSON, its path or method is not in the API, or its path parameter
 * names nothing (a random UUID at best). Path parameters not under attack hold a random UUID or a small number.
 */
final class HostileRequests {

    private static final String JSON = "application/json";
    private static final List<String> ALL_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD",
            "OPTIONS");
    /** Methods beyond the API's: WebDAV, TRACE and CONNECT, made-up, lower case, malformed. */
    private static final List<String> ODD_METHODS = List.of("PROPFIND", "TRACE", "CONNECT", "MKCOL", "COPY",
            "LINK", "FOO", "get", "Post", "G3T", "GET\u00FF", "X".repeat(1_000), "PO ST", "GET\tX", "");
    /** Text that is JSON for no schema: a safe body for a mutating request whose operation is unknown. */
    private static final byte[] NOT_JSON = "{\"a\":".getBytes(StandardCharsets.US_ASCII);

    private final List<Operation> operations;
    private final List<Operation> withBody;
    private final List<Operation> withPathParameters;
    private final Map<String, Set<String>> methodsByPath;
    private final Map<Operation, JsonBodies> bodies = new HashMap<>();
    private final List<Category> categories;
    private final String authority;
    private final FuzzTokens tokens;

    /**
     * @param authority the Host header's value, e.g. {@code localhost:8081}
     * @param tokens    the valid token every request carries and the bad ones of {@link Category#AUTHORIZATION};
     *                  null for an API without authentication (no such category then)
     */
    HostileRequests(ApiDescription api, String authority, FuzzTokens tokens) {
        if (api.operations().isEmpty()) {
            throw new IllegalArgumentException("The API description has no operations");
        }
        this.operations = api.operations();
        this.authority = authority;
        this.tokens = tokens;
        this.withBody = operations.stream().filter(Operation::hasBody).toList();
        this.withPathParameters = operations.stream().filter(o -> !o.parameters("path").isEmpty()).toList();
        this.methodsByPath = operations.stream().collect(Collectors.groupingBy(Operation::path, LinkedHashMap::new,
                Collectors.mapping(Operation::method, Collectors.toSet())));
        withBody.forEach(operation -> bodies.put(operation,
                new JsonBodies(operation.body(), operation.bodyRequired())));
        List<Category> applicable = new ArrayList<>(Arrays.asList(Category.values()));
        if (withBody.isEmpty()) {
            applicable.removeAll(List.of(Category.WRONG_TYPE, Category.BOUNDARY_VALUE, Category.DEEP_NESTING,
                    Category.LONG_STRING, Category.NOT_UTF8, Category.MALFORMED_JSON, Category.CONTENT_TYPE));
        }
        if (withPathParameters.isEmpty()) {
            applicable.remove(Category.PATH_PARAMETER);
        }
        if (tokens == null) {
            applicable.remove(Category.AUTHORIZATION);
        }
        this.categories = List.copyOf(applicable);
    }

    HostileRequest next(int index, Random random) {
        Category category = pick(random, categories);
        HostileRequest.Builder request = new HostileRequest.Builder(index, category, authority);
        if (tokens != null) {
            request.defaultAuthorization("Bearer " + tokens.valid());
        }
        switch (category) {
            case WRONG_TYPE, BOUNDARY_VALUE, DEEP_NESTING, LONG_STRING, NOT_UTF8, MALFORMED_JSON ->
                    badBody(request, category, random);
            case CONTENT_TYPE -> wrongContentType(request, random);
            case ODD_HEADERS -> oddHeaders(request, random);
            case PATH_PARAMETER -> hostilePathParameter(request, random);
            case QUERY_PARAMETER -> hostileQuery(request, random);
            case UNKNOWN_PATH -> unknownPath(request, random);
            case UNKNOWN_METHOD -> unknownMethod(request, random);
            case AUTHORIZATION -> badAuthorization(request, random);
        }
        return request.build();
    }

    // ---- Bodies

    private void badBody(HostileRequest.Builder request, Category category, Random random) {
        Operation operation = pick(random, withBody);
        plain(request, operation, random);
        request.body(pick(random, List.of(JSON, JSON, "application/json; charset=UTF-8")),
                bodies.get(operation).body(category, random));
    }

    private void wrongContentType(HostileRequest.Builder request, Random random) {
        Operation operation = pick(random, withBody);
        plain(request, operation, random);
        byte[] invalid = bodies.get(operation).invalid(random);
        String json = new String(invalid, StandardCharsets.UTF_8);
        switch (random.nextInt(9)) {
            case 0 -> request.body("text/plain", invalid);
            case 1 -> request.body("application/xml", utf8("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM "
                    + "\"file:///etc/passwd\">]><request><value>&e;</value><json><![CDATA[" + json + "]]></json>"
                    + "</request>"));
            case 2 -> request.body("multipart/form-data; boundary=fuzz", utf8("--fuzz\r\nContent-Disposition: "
                    + "form-data; name=\"body\"\r\nContent-Type: application/json\r\n\r\n" + json
                    + "\r\n--fuzz--\r\n"));
            case 3 -> request.body("multipart/form-data", invalid);
            case 4 -> request.body("application/x-www-form-urlencoded", utf8("body=" + json + "&a=%ZZ&=&&b"));
            case 5 -> request.body("application/octet-stream", invalid);
            case 6 -> request.body(null, invalid);
            case 7 -> request.body(pick(random, List.of("text/html", "application/yaml", "image/png",
                    "application/merge-patch+json", "application/json-patch+json", "application/problem+json",
                    "application/x-json", "text/json")), invalid);
            default -> request.body(pick(random, List.of("application/", "/json", "application/json/x", "json",
                    ";", "\u00FF/\u00FE")), invalid);
        }
    }

    // ---- Headers

    /** A plain request to any operation (with a body the schema refuses) carrying one to three odd headers. */
    private void oddHeaders(HostileRequest.Builder request, Random random) {
        Operation operation = pick(random, operations);
        request.method(operation.method());
        request.target(target(operation, plainPathValues(operation, random), new byte[0]));
        byte[] body = operation.hasBody() ? bodies.get(operation).invalid(random)
                : random.nextInt(4) == 0 ? NOT_JSON : new byte[0];
        List<BiConsumer<HostileRequest.Builder, Random>> candidates = new ArrayList<>(ODDITIES);
        if (!operation.parameters("header").isEmpty()) {
            candidates.add((r, rnd) -> hostileHeaderParameter(r, operation, rnd));
        }
        boolean oddFraming = body.length > 1 && random.nextInt(6) == 0;
        int oddities = 1 + random.nextInt(3);
        for (int i = oddFraming ? 1 : 0; i < oddities; i++) {
            pick(random, candidates).accept(request, random);
        }
        // An odd Content-Type stands alone; the duplicated one is an oddity of its own.
        String contentType = body.length == 0 || request.hasHeader("Content-Type") ? null : JSON;
        if (oddFraming) {
            frameOddly(request, contentType, body, random);
        } else {
            request.body(contentType, body);
        }
    }

    private static final List<BiConsumer<HostileRequest.Builder, Random>> ODDITIES = List.of(
            (r, rnd) -> r.header("X-Fuzz", "x".repeat(pick(rnd, List.of(4_000, 9_000, 70_000)))),
            (r, rnd) -> {
                int count = 100 + rnd.nextInt(200);
                for (int i = 0; i < count; i++) {
                    r.header("X-Fuzz-" + i, "v" + i);
                }
            },
            (r, rnd) -> {
                r.header("Content-Type", JSON);
                r.header("Content-Type", pick(rnd, List.of("text/plain", JSON, "application/xml")));
            },
            (r, rnd) -> r.header("Content-Type", pick(rnd, List.of("application/json; charset=ebcdic",
                    "application/json; charset=IBM037", "application/json; charset=UTF-7",
                    "application/json; charset=UTF-16", "application/json; charset=\"\"", "application/json;;;;",
                    "application/json; charset=utf-8; charset=latin1", "application/json; boundary=--",
                    "APPLICATION/JSON", "application/json, text/plain", "application/*", "*/*", "", "json",
                    "application/json; q=0", "application/json; charset=" + "x".repeat(300)))),
            (r, rnd) -> r.header("Accept", pick(rnd, List.of("image/png", "application/xml", "text/html;q=0",
                    "*/*;q=abc", "", ",,,", "application/json;q=2", "application/problem+json", "text/event-stream",
                    "application/json;q=0", "*/" + "*;q=0.1,".repeat(500) + "*/*"))),
            (r, rnd) -> r.header("Accept-Charset", pick(rnd, List.of("ebcdic", "IBM037", "utf-7", "*;q=0"))),
            (r, rnd) -> r.header("Accept-Encoding", pick(rnd, List.of("gzip, deflate, br, zstd", "x", "*;q=0",
                    "identity;q=0"))),
            (r, rnd) -> r.header("Content-Encoding", pick(rnd, List.of("gzip", "deflate", "br", "identity, gzip",
                    "x"))),
            (r, rnd) -> r.header("Expect", pick(rnd, List.of("100-continue", "200-ok", ""))),
            (r, rnd) -> r.header("X-Fuzz", HostileValues.textWithNotUtf8(rnd)),
            (r, rnd) -> r.header("X-Fuzz", pick(rnd, List.of("a\u0001b", "a\u0000b", "\u007F", "a\rb"))),
            (r, rnd) -> r.header(pick(rnd, List.of("X Fuzz", "X-F\u00FC", "X-Fuzz:", "(request-target)", "",
                    "X-Fuzz\t")), "x"),
            (r, rnd) -> r.withoutHost(),
            (r, rnd) -> r.header("Host", pick(rnd, List.of("evil.example:99999", "", "a b", "h\u00F6st",
                    "localhost:0", "[::1", "localhost, evil.example"))),
            (r, rnd) -> r.header(pick(rnd, List.of("X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto",
                    "X-Forwarded-Prefix", "Forwarded", "X-HTTP-Method-Override", "X-Original-URL")),
                    pick(rnd, List.of("DELETE", "evil.example", "javascript:", "for=\"[::1\"", "/admin", "gopher",
                            HostileValues.shortText(rnd)))),
            (r, rnd) -> r.header(pick(rnd, List.of("Cookie", "Authorization", "Range", "If-Match",
                    "If-Modified-Since", "Origin", "Referer", "User-Agent", "Accept-Language")),
                    pick(rnd, List.of("Basic !!!", "Bearer " + "x".repeat(3_000), "bytes=0-0,-1", "*", "null",
                            "a=b; a=c; =; ;", "Sat, 99 Foo 9999 99:99:99 GMT", HostileValues.shortText(rnd)))));

    /** A header parameter of the operation (e.g. Idempotency-Key) with a value it must refuse or ignore. */
    private static void hostileHeaderParameter(HostileRequest.Builder request, Operation operation, Random random) {
        String name = pick(random, operation.parameters("header")).name();
        switch (random.nextInt(4)) {
            case 0 -> request.header(name, HostileValues.textWithNotUtf8(random));
            case 1 -> {
                request.header(name, "first-" + HostileValues.uuid(random));
                request.header(name, "second-" + HostileValues.uuid(random));
            }
            default -> request.header(name, pick(random, List.of("", " ", "x".repeat(129), "x".repeat(10_000),
                    "\u043A\u043B\u044E\u0447", "a b", "a\tb", "\u00A0", HostileValues.shortText(random))));
        }
    }

    /**
     * Framing a server can still read to the end without waiting: a Content-Length shorter than the body, one
     * that is not a number, two different ones, or a valid chunked encoding. (A longer one would only make the
     * server wait for bytes that never come.)
     */
    private static void frameOddly(HostileRequest.Builder request, String contentType, byte[] body, Random random) {
        request.ownFraming();
        switch (random.nextInt(4)) {
            case 0 -> request.header("Content-Length", Integer.toString(1 + random.nextInt(body.length - 1)));
            case 1 -> request.header("Content-Length", pick(random, List.of("abc", "-1", "1e3", "0x10",
                    "99999999999999999999", "")));
            case 2 -> {
                request.header("Content-Length", Integer.toString(body.length));
                request.header("Content-Length", Integer.toString(body.length - 1));
            }
            default -> {
                request.header("Transfer-Encoding", "chunked");
                request.body(contentType, chunked(body));
                return;
            }
        }
        request.body(contentType, body);
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int half = body.length / 2;
        for (byte[] chunk : List.of(Arrays.copyOfRange(body, 0, half), Arrays.copyOfRange(body, half, body.length))) {
            out.writeBytes(utf8(Integer.toHexString(chunk.length) + ";ext=1\r\n"));
            out.writeBytes(chunk);
            out.writeBytes(utf8("\r\n"));
        }
        out.writeBytes(utf8("0\r\nX-Trailer: t\r\n\r\n"));
        return out.toByteArray();
    }

    // ---- Paths and parameters

    private void hostilePathParameter(HostileRequest.Builder request, Random random) {
        Operation operation = pick(random, withPathParameters);
        Map<String, byte[]> values = plainPathValues(operation, random);
        values.put(pick(random, operation.parameters("path")).name(), hostileSegment(random));
        request.method(operation.method()).target(target(operation, values, new byte[0]));
        headerParameters(request, operation, random);
        if (operation.hasBody()) {
            request.body(JSON, bodies.get(operation).invalid(random));
        }
    }

    /** A path segment: hostile text percent-encoded or raw, with structure (slashes, dots) or broken escapes. */
    private static byte[] hostileSegment(Random random) {
        return switch (random.nextInt(8)) {
            case 0, 1 -> HostileValues.percentEncoded(utf8(HostileValues.id(random)));
            case 2 -> HostileValues.percentEncoded(utf8(HostileValues.text(random)));
            case 3 -> HostileValues.percentEncoded(HostileValues.textWithNotUtf8(random));
            case 4 -> HostileValues.textWithNotUtf8(random);
            case 5 -> utf8("a" + HostileValues.brokenEscape(random) + "b");
            case 6 -> utf8(pick(random, List.of("", ".", "..", "../..", "%2F", "a/b", ";x=1", "x?y=1", "x#y",
                    "%2e%2e%2f", "\\", "~", "*", " ", "a b")));
            default -> utf8(HostileValues.shortText(random));
        };
    }

    private void hostileQuery(HostileRequest.Builder request, Random random) {
        Operation operation = pick(random, operations);
        List<String> pairs = new ArrayList<>();
        for (Parameter parameter : operation.parameters("query")) {
            if (random.nextBoolean()) {
                pairs.add(parameter.name() + "=" + queryValue(parameter.schema(), random));
            }
        }
        if (!operation.parameters("query").isEmpty() && random.nextInt(3) == 0) {
            Parameter repeated = pick(random, operation.parameters("query"));
            pairs.add(repeated.name() + "=" + queryValue(repeated.schema(), random));
            pairs.add(repeated.name() + "=" + queryValue(repeated.schema(), random));
        }
        if (pairs.isEmpty() || random.nextInt(4) == 0) {
            pairs.add(pick(random, List.of("unknown=1", "__proto__=x", "page[]=1", "a.b=c", "x".repeat(100) + "=1",
                    "novalue", "=x", "", "&", ";", "+=+", "%ZZ=1", "a=%", "a=b=c", "#frag")));
        }
        String query = String.join(random.nextInt(8) == 0 ? ";" : "&", pairs);
        request.method(operation.method())
                .target(target(operation, plainPathValues(operation, random), utf8("?" + query)));
        headerParameters(request, operation, random);
        if (operation.hasBody()) {
            request.body(JSON, bodies.get(operation).invalid(random));
        }
    }

    /** A value for a query parameter, already encoded as it goes in the target (ASCII only, except on purpose). */
    private static String queryValue(JsonNode schema, Random random) {
        String text = switch (schema.path("type").asText()) {
            case "integer", "number" -> random.nextBoolean() ? HostileValues.number(random)
                    : HostileValues.text(random);
            default -> schema.has("enum") && random.nextBoolean()
                    ? enumVariant(schema.get("enum"), random) : HostileValues.text(random);
        };
        return switch (random.nextInt(10)) {
            case 0 -> new String(HostileValues.percentEncoded(HostileValues.textWithNotUtf8(random)),
                    StandardCharsets.US_ASCII);
            case 1 -> text.replace(' ', '+') + HostileValues.brokenEscape(random);
            default -> new String(HostileValues.percentEncoded(utf8(text)), StandardCharsets.US_ASCII);
        };
    }

    private static String enumVariant(JsonNode values, Random random) {
        String value = values.get(random.nextInt(values.size())).asText();
        return pick(random, List.of(value.toLowerCase(Locale.ROOT), " " + value, value + "\u0000", value + "," + value,
                "NOT_" + value));
    }

    /** A path of the API changed into one it does not have, with any method. */
    private void unknownPath(HostileRequest.Builder request, Random random) {
        Operation operation = pick(random, operations);
        String path = new String(target(operation, plainPathValues(operation, random), new byte[0]),
                StandardCharsets.ISO_8859_1);
        String unknown = switch (random.nextInt(12)) {
            case 0 -> path + "/" + pick(random, List.of("x", "..", "%2e%2e", "admin", "1", "null", "%00"));
            case 1 -> path + "/";
            case 2 -> "/" + path;
            case 3 -> path.toUpperCase(Locale.ROOT);
            // Not "/q" + path: Quarkus serves /q/metrics/* (Prometheus) for any method, and it is not the API.
            case 4 -> pick(random, List.of("/api", "/v2", "/.", "/..")) + path;
            case 5 -> path.replaceFirst("/[^/]+", "/" + Integer.toHexString(random.nextInt()));
            case 6 -> "/" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            case 7 -> path.replaceFirst("/", "/./") + "/../" + path.substring(path.lastIndexOf('/') + 1);
            case 8 -> path + ";jsessionid=" + Integer.toHexString(random.nextInt());
            case 9 -> "/q/" + Integer.toHexString(random.nextInt());
            case 10 -> pick(random, List.of("*", "http://" + authority + path + "/x", "x" + path, "?" + path, "#"));
            default -> path + "/" + "x".repeat(pick(random, List.of(1_000, 5_000, 20_000)));
        };
        String method = pick(random, ALL_METHODS);
        request.method(method).target(utf8(unknown));
        if (!HostileRequest.isSafe(method)) {
            request.body(JSON, NOT_JSON);
        }
    }

    /** A path of the API with a method it does not declare for that path. */
    private void unknownMethod(HostileRequest.Builder request, Random random) {
        Operation operation = pick(random, operations);
        Set<String> declared = methodsByPath.get(operation.path());
        List<String> candidates = new ArrayList<>(ODD_METHODS);
        ALL_METHODS.stream().filter(method -> !declared.contains(method)).forEach(candidates::add);
        // HEAD and OPTIONS a server may answer for any path it has; they change nothing either way.
        candidates.removeAll(List.of("HEAD", "OPTIONS"));
        String method = pick(random, candidates);
        request.method(method).target(target(operation, plainPathValues(operation, random), new byte[0]));
        if (!HostileRequest.isSafe(method)) {
            request.body(JSON, operation.hasBody() ? bodies.get(operation).invalid(random) : NOT_JSON);
        }
    }

    // ---- Authorization

    /** A plain request to any operation (a refused body for one that takes a body) with a bad Authorization. */
    private void badAuthorization(HostileRequest.Builder request, Random random) {
        Operation operation = pick(random, operations);
        plain(request, operation, random);
        if (operation.hasBody()) {
            request.body(JSON, bodies.get(operation).invalid(random));
        } else if (!HostileRequest.isSafe(operation.method())) {
            request.body(JSON, NOT_JSON);
        }
        String[] valid = tokens.valid().split("\\.");
        String header = valid[0];
        String payload = valid[1];
        String signature = valid[2];
        String value = switch (random.nextInt(16)) {
            case 0 -> null; // no Authorization at all
            case 1 -> "Basic " + base64Url("admin:admin");
            case 2 -> pick(random, List.of("Bearer", "Bearer ", "Bearer  ", "Bearer null", "Bearer undefined"));
            case 3 -> "Bearer " + pick(random, List.of("abc", "a.b", "a.b.c", "a.b.c.d.e", "...", "%%%.%%%.%%%",
                    HostileValues.uuid(random).toString()));
            case 4 -> "Bearer " + header + "." + payload; // no signature part
            case 5 -> "Bearer " + header + "." + payload + "."; // empty signature
            case 6 -> "Bearer " + base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
            case 7 -> "Bearer " + base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + payload + "."
                    + base64Url("not an HMAC of anything");
            case 8 -> "Bearer " + header + "." + base64Url("{\"sub\":\"mallory\",\"groups\":[\"operator\","
                    + "\"orders:read\",\"orders:write\",\"metrics:read\",\"audit:read\"]}") + "." + signature;
            case 9 -> "Bearer " + header + "." + payload + "." + flipOne(signature, random); // tampered signature
            case 10 -> "Bearer " + tokens.wronglySigned();
            case 11 -> "Bearer " + tokens.expired();
            case 12 -> "Bearer " + "A".repeat(pick(random, List.of(2_000, 8_000, 12_000))); // huge, within 16 KB
            case 13 -> "Bearer " + header + "." + "x".repeat(10_000) + "." + signature;
            case 14 -> "Bearer " + new String(HostileValues.textWithNotUtf8(random), StandardCharsets.ISO_8859_1);
            default -> pick(random, List.of("Token ", "Digest ", "JWT ", "")) + tokens.valid();
        };
        if (value == null) {
            request.withoutAuthorization();
        } else {
            request.header("Authorization", value.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static String base64Url(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(text));
    }

    /** The text with one character changed to another base64url character. */
    private static String flipOne(String text, Random random) {
        int at = random.nextInt(text.length());
        char replacement = text.charAt(at) == 'A' ? 'B' : 'A';
        return text.substring(0, at) + replacement + text.substring(at + 1);
    }

    // ---- Plain parts of a request

    /** The operation's method and path with plain path parameters and header parameters. */
    private static void plain(HostileRequest.Builder request, Operation operation, Random random) {
        request.method(operation.method()).target(target(operation, plainPathValues(operation, random), new byte[0]));
        headerParameters(request, operation, random);
    }

    /** Each path parameter as a random UUID or a small number: ids that name nothing, or at most something read. */
    private static Map<String, byte[]> plainPathValues(Operation operation, Random random) {
        Map<String, byte[]> values = new HashMap<>();
        for (Parameter parameter : operation.parameters("path")) {
            values.put(parameter.name(), utf8(random.nextBoolean() ? HostileValues.uuid(random).toString()
                    : Integer.toString(1 + random.nextInt(3))));
        }
        return values;
    }

    /** Half of the time, each header parameter with a well-formed value that was never used before. */
    private static void headerParameters(HostileRequest.Builder request, Operation operation, Random random) {
        for (Parameter parameter : operation.parameters("header")) {
            if (random.nextBoolean()) {
                request.header(parameter.name(), "fuzz-" + HostileValues.uuid(random));
            }
        }
    }

    /** The operation's path with each {name} replaced by its (encoded) value, then the query. */
    private static byte[] target(Operation operation, Map<String, byte[]> pathValues, byte[] query) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String path = operation.path();
        int at = 0;
        for (int open = path.indexOf('{'); open >= 0; open = path.indexOf('{', at)) {
            int close = path.indexOf('}', open);
            out.writeBytes(utf8(path.substring(at, open)));
            out.writeBytes(pathValues.getOrDefault(path.substring(open + 1, close), new byte[0]));
            at = close + 1;
        }
        out.writeBytes(utf8(path.substring(at)));
        out.writeBytes(query);
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
