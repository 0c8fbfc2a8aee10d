package io.orderplatform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Strict JSON reading and what a client is told a value should have been. */
class JsonErrorsTest {

    enum Colour {
        RED, GREEN
    }

    record Everything(Integer count, long total, BigDecimal price, double ratio, String name, Boolean active,
            Colour colour, List<String> tags, Map<String, String> labels, Nested nested, UUID id) {
    }

    record Nested(String value) {
    }

    private final ObjectMapper json = FieldPathsTest.strictMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"count": "2"}          | count must be a whole number
            {"count": 1.5}          | count must be a whole number
            {"count": true}         | count must be a whole number
            {"total": "10"}         | total must be a whole number
            {"price": "19.99"}      | price must be a number
            {"price": false}        | price must be a number
            {"ratio": "0.5"}        | ratio must be a number
            {"name": 42}            | name must be a string
            {"name": 4.2}           | name must be a string
            {"name": true}          | name must be a string
            {"name": ["a"]}         | name must be a string
            {"active": "true"}      | active must be true or false
            {"active": 1}           | active must be true or false
            {"active": ""}          | active must be true or false
            {"count": ""}           | count must be a whole number
            {"price": ""}           | price must be a number
            {"colour": ""}          | colour must be one of RED, GREEN
            {"colour": "BLUE"}      | colour must be one of RED, GREEN
            {"tags": "a"}           | tags must be an array
            {"tags": ""}            | tags must be an array
            {"labels": []}          | labels must be an object
            {"nested": 7}           | nested must be an object
            {"id": "not-a-uuid"}    | id has an invalid value
            []                      | body must be an object
            """)
    void aValueOfTheWrongTypeIsNotCoercedAndTheMessageSaysWhatItMustBe(String body, String expected) {
        MismatchedInputException error = catchThrowableOfType(MismatchedInputException.class,
                () -> json.readValue(body, Everything.class));

        assertThat(error).as("an error for %s", body).isNotNull();
        assertThat(FieldPaths.of(error) + " " + JsonErrors.expectation(error)).isEqualTo(expected);
    }

    @Test
    void valuesOfTheRightTypeAreReadAndUnknownPropertiesIgnored() throws Exception {
        Everything read = json.readValue("""
                {"count": 2, "total": 10, "price": 19.99, "ratio": 1, "name": "n", "active": true, "colour": "RED",
                 "tags": ["a"], "labels": {"k": "v"}, "nested": {"value": "v"},
                 "id": "0b6c1c8e-3d53-4c59-9f3a-0f0f4e0c2a11", "unknown": 1}""",
                Everything.class);

        assertThat(read.count()).isEqualTo(2);
        assertThat(read.price()).isEqualByComparingTo("19.99");
        assertThat(read.ratio()).isEqualTo(1.0);
        assertThat(read.colour()).isEqualTo(Colour.RED);
    }

    @Test
    void trailingContentIsRecognised() {
        MismatchedInputException error = catchThrowableOfType(MismatchedInputException.class,
                () -> json.readValue("{\"name\": \"n\"} {", Everything.class));

        assertThat(JsonErrors.isTrailingContent(error)).isTrue();
        assertThat(JsonErrors.location(error)).matches(" \\(line 1, column \\d+\\)");
    }

    @Test
    void noJdkTypeNameLeaks() {
        assertThat(JsonErrors.expectation(Object.class)).isEqualTo("has the wrong type");
        assertThat(JsonErrors.expectation((Class<?>) null)).isEqualTo("has the wrong type");
        assertThat(JsonErrors.expectation(Instant.class)).isEqualTo("has an invalid value");
        assertThat(JsonErrors.expectation(int[].class)).isEqualTo("must be an array");
    }
}
