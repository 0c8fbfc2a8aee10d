package io.orderplatform.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The order event contract in code: the one JSON mapping of {@link OrderEvent} and its validation against
 * {@code schema/order-event-v1.schema.json}. Producers and consumers both go through here, so what is
 * written is exactly what is accepted.
 */
public final class EventContract {

    public static final String SCHEMA_RESOURCE = "schema/order-event-v1.schema.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Exact money: never round-trip prices through double.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final JsonSchema SCHEMA = loadSchema();

    private EventContract() {
    }

    /** Serializes an event to its wire form (UTF-8 JSON). */
    public static String toJson(OrderEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize event " + event.eventId(), e);
        }
    }

    /** The contract's violations by a parsed document; empty when it is a valid event. */
    public static List<String> violations(JsonNode document) {
        return SCHEMA.validate(document).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    /**
     * Parses and validates a record value.
     *
     * @throws InvalidEventException when the value is not JSON, not an object, or not a valid event
     */
    public static OrderEvent parse(String value) {
        if (value == null) {
            throw new InvalidEventException(InvalidEventException.Kind.MALFORMED_JSON, List.of("value is null"), null);
        }
        JsonNode document;
        try {
            document = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(InvalidEventException.Kind.MALFORMED_JSON,
                    List.of(e.getOriginalMessage()), e);
        }
        if (document == null || !document.isObject()) {
            throw new InvalidEventException(InvalidEventException.Kind.NOT_AN_OBJECT,
                    List.of("value is " + (document == null ? "empty" : document.getNodeType().name().toLowerCase())),
                    null);
        }
        List<String> violations = violations(document);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(InvalidEventException.Kind.SCHEMA_VIOLATION, violations, null);
        }
        try {
            return MAPPER.treeToValue(document, OrderEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException(InvalidEventException.Kind.SCHEMA_VIOLATION, List.of(e.getMessage()), e);
        }
    }

    /** Parses a JSON document without validating it: for tests and tools that inspect raw records. */
    public static JsonNode readTree(String value) {
        try {
            return MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = EventContract.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the classpath");
            }
            // Draft 2020-12 treats "format" as an annotation only; the contract asserts it (uuid, date-time).
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SCHEMA_RESOURCE, e);
        }
    }
}
