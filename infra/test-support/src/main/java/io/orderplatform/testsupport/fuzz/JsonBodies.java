package io.orderplatform.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * Request bodies for one JSON schema that the API must refuse. Each starts from a valid example of the schema and
 * is then broken in one place so that no reading of the schema could accept it: a value of another JSON type, a
 * value beyond a bound the schema states, a required field left out, bytes that are not UTF-8, text that is not
 * JSON (RFC 8259). Free-text fields of the example carry hostile text on the way, which the schema allows.
 * <p>
 * Only what the schema itself forbids counts as breaking it: an unknown property, say, which a schema without
 * {@code additionalProperties: false} allows, never does. So a 2xx to any of these bodies is a hole in the API's
 * validation, or in its document.
 */
final class JsonBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Stands in a string for bytes Jackson cannot write (not UTF-8), replaced after serializing. */
    private static final String NOT_UTF8_MARKER = "@@not-utf8@@";
    /** Deeper than any JSON parser's default limit (Jackson: 1000), shallow enough for a 64 KB body limit. */
    private static final int[] NESTING_DEPTHS = { 1_001, 5_000, 10_000 };
    /** Six bytes a level: 5,000 levels keep the body at 35 KB. */
    private static final int MAX_NESTED_OBJECTS = 5_000;
    private static final String VALID_DATE_TIME = "2026-01-31T10:00:00Z";

    private final JsonNode schema;
    private final boolean required;

    /** @param required whether the operation requires a body (an empty or null one then breaks the schema) */
    JsonBodies(JsonNode schema, boolean required) {
        this.schema = schema;
        this.required = required;
    }

    /** A body of the given category; a category that is not about the body's content gets a schema violation. */
    byte[] body(Category category, Random random) {
        return switch (category) {
            case WRONG_TYPE -> wrongType(random);
            case BOUNDARY_VALUE -> boundaryValue(random);
            case DEEP_NESTING -> deeplyNested(random);
            case LONG_STRING -> longString(random);
            case NOT_UTF8 -> notUtf8(random);
            case MALFORMED_JSON -> malformed(random);
            default -> invalid(random);
        };
    }

    /** Any body that breaks the schema in one place. */
    byte[] invalid(Random random) {
        return random.nextBoolean() ? wrongType(random) : boundaryValue(random);
    }

    /** One value (or the body itself) replaced by a value of another JSON type. */
    byte[] wrongType(Random random) {
        JsonNode example = example(schema, random);
        List<Site> sites = sites(example, site -> !wrongTypes(site).isEmpty());
        if (sites.isEmpty()) {
            // A schema without types accepts any JSON: only text that is not JSON is sure to be refused.
            return malformed(random);
        }
        Site site = HostileValues.pick(random, sites);
        return write(site.replace(example, HostileValues.pick(random, wrongTypes(site))));
    }

    /** One value beyond a bound its schema states, or a required field left out. */
    byte[] boundaryValue(Random random) {
        JsonNode example = example(schema, random);
        List<Site> sites = sites(example, site -> !boundaryViolations(site).isEmpty());
        if (sites.isEmpty()) {
            return wrongType(random);
        }
        Site site = HostileValues.pick(random, sites);
        return write(site.replace(example, HostileValues.pick(random, boundaryViolations(site))));
    }

    /** Thousands of nested arrays where no array belongs, or nested objects where an array does. */
    byte[] deeplyNested(Random random) {
        JsonNode example = example(schema, random);
        List<Site> sites = sites(example, site -> !type(site.schema()).isEmpty());
        if (sites.isEmpty()) {
            return malformed(random);
        }
        Site site = HostileValues.pick(random, sites);
        int depth = NESTING_DEPTHS[random.nextInt(NESTING_DEPTHS.length)];
        int objects = Math.min(depth, MAX_NESTED_OBJECTS);
        String nested = type(site.schema()).equals("array")
                ? "{\"a\":".repeat(objects) + "1" + "}".repeat(objects)
                : "[".repeat(depth) + "]".repeat(depth);
        return write(site.replace(example, raw(nested)));
    }

    /** A string longer than its maxLength, or a long string where no string belongs. */
    byte[] longString(Random random) {
        JsonNode example = example(schema, random);
        List<Site> sites = sites(example, site -> !type(site.schema()).isEmpty()
                && (!type(site.schema()).equals("string") || site.schema().has("maxLength")));
        if (sites.isEmpty()) {
            return wrongType(random);
        }
        Site site = HostileValues.pick(random, sites);
        int maxLength = site.schema().path("maxLength").asInt(0);
        String text = HostileValues.longText(random);
        // maxLength counts characters (code points), not UTF-16 units.
        int length = text.codePointCount(0, text.length());
        if (length <= maxLength) {
            text = "x".repeat(maxLength + 1 - length) + text;
        }
        return write(site.replace(example, NODES.textNode(text)));
    }

    /**
     * Bytes that are not UTF-8 in a string; or the whole body in Latin-1 with a non-ASCII character; or in UTF-16,
     * which a parser may accept (RFC 8259 asks for UTF-8 only between systems), so that one also breaks the schema.
     */
    byte[] notUtf8(Random random) {
        JsonNode example = example(schema, random);
        List<Site> strings = sites(example, site -> type(site.schema()).equals("string"));
        Site site = strings.isEmpty() ? Site.root(schema, required) : HostileValues.pick(random, strings);
        return switch (random.nextInt(3)) {
            case 0 -> replace(write(site.replace(example, NODES.textNode("x" + NOT_UTF8_MARKER))),
                    NOT_UTF8_MARKER.getBytes(StandardCharsets.US_ASCII), HostileValues.notUtf8(random));
            case 1 -> text(site.replace(example, NODES.textNode("caf\u00E9 \u00A3")))
                    .getBytes(StandardCharsets.ISO_8859_1);
            default -> new String(wrongType(random), StandardCharsets.UTF_8).getBytes(HostileValues.pick(random,
                    List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
                            Charset.forName("UTF-32"))));
        };
    }

    /** Text that is not JSON by RFC 8259, mostly a valid example cut or decorated. */
    byte[] malformed(Random random) {
        String valid = text(example(schema, random));
        boolean container = valid.startsWith("{") || valid.startsWith("[");
        String broken = switch (random.nextInt(12)) {
            case 0 -> container ? valid.substring(0, 1 + random.nextInt(valid.length() - 1)) : valid;
            case 1 -> valid + HostileValues.pick(random, List.of("}", "]", "x", ",{}", " {}", " null", "\u0000"));
            case 2 -> HostileValues.pick(random, List.of("/* c */ ", "// c\n", "# c\n")) + valid;
            case 3 -> valid.replace('"', '\'');
            case 4 -> valid.replaceAll("\"(\\w+)\":", "$1:");
            case 5 -> valid.endsWith("}") || valid.endsWith("]")
                    ? valid.substring(0, valid.length() - 1) + ",," + valid.charAt(valid.length() - 1) : valid + ",";
            case 6 -> valid.replaceFirst("\"([^\"]*)\"(?!\\s*:)", "\"$1\u0001\n\"");
            case 7 -> numberTokenBreakingJson(random);
            case 8 -> "{" + valid;
            case 9 -> "\uFEFF\uFEFF" + valid;
            case 10 -> required ? HostileValues.pick(random, List.of("", " ", "\r\n", "null", " null ")) : "{";
            default -> HostileValues.pick(random, List.of("[", "{", "}", "\"", "{\"a\":}", "{\"a\" 1}", "undefined",
                    "{\"a\":1}{", "[1,]", "{,}", "tru", "nul"));
        };
        // A change that found nothing to change (no string to quote differently, say) still must not be JSON.
        return (broken.equals(valid) ? valid + "}" : broken).getBytes(StandardCharsets.UTF_8);
    }

    /** A number site (or the body) holding a token that looks like a number but is not JSON: NaN, +1, 01, .5. */
    private String numberTokenBreakingJson(Random random) {
        JsonNode example = example(schema, random);
        Set<String> numbers = Set.of("integer", "number");
        List<Site> sites = sites(example, site -> numbers.contains(type(site.schema())));
        Site site = sites.isEmpty() ? Site.root(schema, required) : HostileValues.pick(random, sites);
        return text(site.replace(example, raw(HostileValues.pick(random,
                List.of("NaN", "-NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x1F", "1e", "--1", "1_0")))));
    }

    // ---- Values that break a schema

    /** Values of another JSON type than the site's schema; null only where a value is required. */
    private static List<JsonNode> wrongTypes(Site site) {
        String type = type(site.schema());
        if (type.isEmpty()) {
            return List.of();
        }
        List<JsonNode> candidates = new ArrayList<>(List.of(NODES.numberNode(42),
                NODES.numberNode(new BigDecimal("4.2")), NODES.booleanNode(true), NODES.booleanNode(false),
                NODES.objectNode(), NODES.arrayNode(), NODES.arrayNode().add("x"), NODES.objectNode().put("value", 1),
                NODES.textNode("x"), NODES.textNode("1"), NODES.textNode("true"), NODES.textNode("NaN"),
                NODES.textNode("Infinity"), NODES.textNode("")));
        if (site.required() && !nullable(site.schema())) {
            candidates.add(NODES.nullNode());
        }
        candidates.removeIf(candidate -> fits(type, candidate));
        return candidates;
    }

    private static boolean fits(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> true;
        };
    }

    /**
     * Values beyond a bound the site's schema states (minimum, maxLength, pattern, enum, ...), and for a required
     * property (or body) a {@link MissingNode}: left out. Empty if the schema states no bound.
     */
    private static List<JsonNode> boundaryViolations(Site site) {
        JsonNode s = site.schema();
        List<JsonNode> values = new ArrayList<>();
        if (site.required() && (site.property() != null || site.parent() == null)) {
            values.add(MissingNode.getInstance());
        }
        switch (type(s)) {
            case "integer", "number" -> numberViolations(s, values);
            case "string" -> stringViolations(s, values);
            case "array" -> arrayViolations(site, values);
            case "object" -> objectViolations(s, values);
            default -> {
                // no bounds to break in a schema without a type
            }
        }
        return values;
    }

    private static void numberViolations(JsonNode s, List<JsonNode> values) {
        boolean integer = type(s).equals("integer");
        BigDecimal step = integer ? BigDecimal.ONE : new BigDecimal("0.01");
        Bound lower = Bound.lower(s);
        if (lower != null) {
            values.add(raw(lower.exclusive() ? lower.value().toPlainString()
                    : lower.value().subtract(step).toPlainString()));
            values.add(raw(lower.value().subtract(BigDecimal.ONE).toPlainString()));
            values.add(raw("-1e400"));
            if (lower.value().signum() > 0 || lower.exclusive() && lower.value().signum() == 0) {
                values.add(raw(integer ? "-0" : "-0.0"));
            }
        }
        Bound upper = Bound.upper(s);
        if (upper != null) {
            values.add(raw(upper.exclusive() ? upper.value().toPlainString()
                    : upper.value().add(step).toPlainString()));
            values.add(raw(upper.value().add(BigDecimal.ONE).toPlainString()));
            values.add(raw("1e400"));
            values.add(raw("1" + "0".repeat(400)));
        }
        switch (s.path("format").asText()) {
            case "int32" -> {
                values.add(raw("2147483648"));
                values.add(raw("-2147483649"));
            }
            case "int64" -> {
                values.add(raw("9223372036854775808"));
                values.add(raw("-9223372036854775809"));
            }
            default -> {
                // no range beyond the stated bounds
            }
        }
        if (integer) {
            values.add(raw("1.5"));
            values.add(raw("0.001"));
        }
        // JSON Schema applies a pattern to strings only; on a number it is the pattern of its decimal text, as
        // SmallRye OpenAPI writes Bean Validation's @Digits (and as the service checks it).
        Pattern pattern = pattern(s);
        if (pattern != null) {
            for (String candidate : List.of("0.001", "1.005", "12345678.5", "0.123456789")) {
                if (!pattern.matcher(candidate).find()) {
                    values.add(raw(candidate));
                }
            }
        }
    }

    private static void stringViolations(JsonNode s, List<JsonNode> values) {
        int minLength = s.path("minLength").asInt(0);
        if (minLength > 0) {
            values.add(NODES.textNode("x".repeat(minLength - 1)));
        }
        if (s.has("maxLength")) {
            values.add(NODES.textNode("x".repeat(s.get("maxLength").asInt() + 1)));
        }
        Pattern pattern = pattern(s);
        if (pattern != null) {
            for (String candidate : List.of("", " ", "\t", "\n \r", "x y", "-", "\u0000", "\uD83D\uDE00")) {
                if (!pattern.matcher(candidate).find()) {
                    values.add(NODES.textNode(candidate));
                }
            }
        }
        if (s.has("enum")) {
            List<String> allowed = new ArrayList<>();
            s.get("enum").forEach(value -> allowed.add(value.asText()));
            for (String value : allowed) {
                for (String candidate : List.of("NOT_" + value, value.toLowerCase(Locale.ROOT), value + " ", "")) {
                    if (!allowed.contains(candidate)) {
                        values.add(NODES.textNode(candidate));
                    }
                }
            }
        }
        switch (s.path("format").asText()) {
            case "uuid" -> {
                values.add(NODES.textNode("not-a-uuid"));
                values.add(NODES.textNode("1-1-1-1-1"));
            }
            case "date-time" -> {
                values.add(NODES.textNode("2026-02-30T25:00:00Z"));
                values.add(NODES.textNode("yesterday"));
            }
            default -> {
                // no format to break
            }
        }
    }

    private static void arrayViolations(Site site, List<JsonNode> values) {
        JsonNode s = site.schema();
        int minItems = s.path("minItems").asInt(0);
        if (minItems > 0) {
            values.add(NODES.arrayNode());
        }
        JsonNode current = site.current();
        if (s.has("maxItems") && current != null && current.isArray() && !current.isEmpty()) {
            ArrayNode tooMany = NODES.arrayNode();
            for (int i = 0; i <= s.get("maxItems").asInt(); i++) {
                tooMany.add(current.get(0).deepCopy());
            }
            values.add(tooMany);
        }
    }

    /** Every required property left out at once. */
    private static void objectViolations(JsonNode s, List<JsonNode> values) {
        if (s.path("required").isArray() && !s.get("required").isEmpty()) {
            values.add(NODES.objectNode());
        }
    }

    private record Bound(BigDecimal value, boolean exclusive) {

        /** {@code minimum} (exclusive with OpenAPI 3.0's {@code exclusiveMinimum: true}) or 3.1's number form. */
        static Bound lower(JsonNode s) {
            return of(s, "minimum", "exclusiveMinimum");
        }

        static Bound upper(JsonNode s) {
            return of(s, "maximum", "exclusiveMaximum");
        }

        private static Bound of(JsonNode s, String inclusiveKey, String exclusiveKey) {
            JsonNode exclusive = s.path(exclusiveKey);
            if (exclusive.isNumber()) {
                return new Bound(exclusive.decimalValue(), true);
            }
            if (s.path(inclusiveKey).isNumber() || s.path(inclusiveKey).isTextual()) {
                return new Bound(new BigDecimal(s.get(inclusiveKey).asText()), exclusive.asBoolean(false));
            }
            return null;
        }
    }

    // ---- A valid example

    /**
     * A value the schema accepts: its example or first enum value, else the least value its bounds allow. An
     * object has its required properties and about half of its optional ones, so that a body can get past checks
     * across properties ("exactly one of") to the next ones. Strings without any constraint get hostile text a
     * third of the time: the schema allows it.
     */
    private static JsonNode example(JsonNode s, Random random) {
        if (s.path("examples").isArray() && !s.get("examples").isEmpty()) {
            return s.get("examples").get(0).deepCopy();
        }
        if (s.has("example")) {
            return s.get("example").deepCopy();
        }
        if (s.path("enum").isArray() && !s.get("enum").isEmpty()) {
            return s.get("enum").get(0).deepCopy();
        }
        switch (type(s)) {
            case "object" -> {
                Set<String> required = new HashSet<>();
                s.path("required").forEach(name -> required.add(name.asText()));
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<String, JsonNode> property : fields(s.path("properties"))) {
                    if (required.contains(property.getKey()) || random.nextBoolean()) {
                        object.set(property.getKey(), example(property.getValue(), random));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < Math.max(1, s.path("minItems").asInt(0)); i++) {
                    array.add(example(s.path("items"), random));
                }
                return array;
            }
            case "integer", "number" -> {
                Bound lower = Bound.lower(s);
                BigDecimal least = lower == null ? BigDecimal.ONE
                        : lower.exclusive() ? lower.value().add(BigDecimal.ONE) : lower.value();
                return type(s).equals("integer") ? NODES.numberNode(least.toBigInteger()) : NODES.numberNode(least);
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            default -> {
                return NODES.textNode(exampleText(s, random));
            }
        }
    }

    private static String exampleText(JsonNode s, Random random) {
        switch (s.path("format").asText()) {
            case "uuid" -> {
                return HostileValues.uuid(random).toString();
            }
            case "date-time" -> {
                return VALID_DATE_TIME;
            }
            default -> {
                boolean constrained = s.has("minLength") || s.has("maxLength") || s.has("pattern");
                if (!constrained && random.nextInt(3) == 0) {
                    return HostileValues.shortText(random);
                }
                return "x".repeat(Math.max(1, s.path("minLength").asInt(0)));
            }
        }
    }

    // ---- Places in a body

    /**
     * A place in the example body: the body itself, a property of an object or an element of an array, with the
     * schema of what belongs there.
     */
    private record Site(JsonNode schema, boolean required, JsonNode parent, String property, int index) {

        static Site root(JsonNode schema, boolean required) {
            return new Site(schema, required, null, null, -1);
        }

        JsonNode current() {
            if (parent == null) {
                return null;
            }
            return property != null ? parent.get(property) : parent.get(index);
        }

        /** The body with this place's value replaced, or left out for a {@link MissingNode}; the new body. */
        JsonNode replace(JsonNode body, JsonNode value) {
            if (parent == null) {
                return value;
            }
            if (property != null) {
                if (value.isMissingNode()) {
                    ((ObjectNode) parent).remove(property);
                } else {
                    ((ObjectNode) parent).set(property, value);
                }
            } else {
                ((ArrayNode) parent).set(index, value);
            }
            return body;
        }
    }

    /** The body and every value in it, with its schema, that {@code wanted} accepts. */
    private List<Site> sites(JsonNode body, Predicate<Site> wanted) {
        List<Site> sites = new ArrayList<>();
        collect(Site.root(schema, required), body, sites);
        return sites.stream().filter(wanted).toList();
    }

    private static void collect(Site site, JsonNode value, List<Site> sites) {
        sites.add(site);
        JsonNode s = site.schema();
        if (value.isObject()) {
            Set<String> requiredProperties = new HashSet<>();
            s.path("required").forEach(name -> requiredProperties.add(name.asText()));
            for (Map.Entry<String, JsonNode> property : fields(s.path("properties"))) {
                if (value.has(property.getKey())) {
                    collect(new Site(property.getValue(), requiredProperties.contains(property.getKey()), value,
                            property.getKey(), -1), value.get(property.getKey()), sites);
                }
            }
        } else if (value.isArray() && !value.isEmpty()) {
            collect(new Site(s.path("items"), true, value, null, 0), value.get(0), sites);
        }
    }

    // ---- JSON helpers

    /** The schema's type; {@code object} or {@code array} when only its keywords say so; empty when unknown. */
    private static String type(JsonNode s) {
        JsonNode type = s.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return s.has("properties") ? "object" : s.has("items") ? "array" : "";
    }

    private static boolean nullable(JsonNode s) {
        if (s.path("nullable").asBoolean(false)) {
            return true;
        }
        for (JsonNode t : s.path("type")) {
            if (t.asText().equals("null")) {
                return true;
            }
        }
        return false;
    }

    private static Pattern pattern(JsonNode s) {
        if (!s.has("pattern")) {
            return null;
        }
        try {
            return Pattern.compile(s.get("pattern").asText());
        } catch (PatternSyntaxException e) {
            // An ECMA-262 pattern Java cannot read: no pattern candidates, rather than wrong ones.
            return null;
        }
    }

    private static JsonNode raw(String json) {
        return NODES.rawValueNode(new RawValue(json));
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            fields.add(it.next());
        }
        return fields;
    }

    /** The body as JSON text; a body left out entirely is the empty string. */
    private static String text(JsonNode body) {
        if (body.isMissingNode()) {
            return "";
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a generated body", e);
        }
    }

    private static byte[] write(JsonNode body) {
        return text(body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replace(byte[] bytes, byte[] marker, byte[] replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (startsWith(bytes, i, marker)) {
                out.writeBytes(replacement);
                i += marker.length - 1;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (offset + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
