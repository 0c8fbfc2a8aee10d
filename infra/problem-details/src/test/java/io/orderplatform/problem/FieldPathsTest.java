package io.orderplatform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The field a problem names, from Bean Validation paths and from Jackson's errors, as the client wrote it. */
class FieldPathsTest {

    record Line(@NotBlank String productId, @NotNull @Min(1) Integer quantity, BigDecimal unitPrice) {
    }

    record Order(@NotBlank String customerId, @NotNull @Size(min = 1) List<@NotNull @Valid Line> items,
            Map<String, @Valid Line> byKey) {
    }

    /** Stands for a REST resource: a body and a query parameter, validated as Quarkus validates them. */
    static class Resource {

        @Valid
        public Order create(@NotNull @Valid Order body, @Size(max = 3) String size) {
            return body;
        }
    }

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void setUp() {
        factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void tearDown() {
        factory.close();
    }

    @Nested
    class BeanValidation {

        @Test
        void propertiesOfTheBodyAreNamedByTheirPathWithListIndexes() {
            Order order = new Order(" ", Arrays.asList(new Line("p", 1, null), new Line("", 0, null)), null);

            assertThat(fields(validator.validate(order))).containsOnly(
                    Map.entry("customerId", "must not be blank"),
                    Map.entry("items[1].productId", "must not be blank"),
                    Map.entry("items[1].quantity", "must be greater than or equal to 1"));
        }

        @Test
        void aNullListElementIsNamedByItsIndexAlone() {
            Order order = new Order("c", Arrays.asList(new Line("p", 1, null), null), null);

            assertThat(fields(validator.validate(order))).containsOnly(Map.entry("items[1]", "must not be null"));
        }

        @Test
        void mapValuesAreNamedByTheirKeyAsInJson() {
            Map<String, Line> byKey = new LinkedHashMap<>();
            byKey.put("first", new Line("p", 0, null));
            Order order = new Order("c", List.of(new Line("p", 1, null)), byKey);

            assertThat(fields(validator.validate(order)))
                    .containsOnly(Map.entry("byKey.first.quantity", "must be greater than or equal to 1"));
        }

        @Test
        void insideTheBodyParameterTheMethodAndParameterAreDropped() throws Exception {
            Order order = new Order("c", List.of(new Line("p", 0, null)), null);

            assertThat(fields(parameters(order, "1234"))).containsOnly(
                    Map.entry("items[0].quantity", "must be greater than or equal to 1"),
                    Map.entry("size", "size must be between 0 and 3"));
        }

        @Test
        void aViolatedParameterKeepsItsNameAndAMissingBodyIsTheBody() throws Exception {
            assertThat(fields(parameters(null, "1234"))).containsOnly(
                    Map.entry("body", "must not be null"),
                    Map.entry("size", "size must be between 0 and 3"));
        }

        @Test
        void aReturnValueIsNotAFieldOfTheRequest() throws Exception {
            Method create = Resource.class.getMethod("create", Order.class, String.class);
            Set<ConstraintViolation<Resource>> violations = validator.forExecutables().validateReturnValue(
                    new Resource(), create, new Order("", List.of(new Line("p", 1, null)), null));

            assertThat(fields(violations)).containsOnly(Map.entry("customerId", "must not be blank"));
        }

        private Set<ConstraintViolation<Resource>> parameters(Order body, String size) throws Exception {
            Method create = Resource.class.getMethod("create", Order.class, String.class);
            return validator.forExecutables().validateParameters(new Resource(), create, new Object[] { body, size });
        }

        private static <T> Map<String, String> fields(Set<ConstraintViolation<T>> violations) {
            return violations.stream().collect(Collectors.toMap(v -> FieldPaths.of(v.getPropertyPath()),
                    ConstraintViolation::getMessage));
        }
    }

    @Nested
    class Jackson {

        private final ObjectMapper json = strictMapper();

        @Test
        void aValueOfTheWrongTypeIsNamedByItsBindingPath() {
            assertThat(field("""
                    {"customerId": "c", "items": [{"productId": "p", "quantity": 1}, {"productId": "q", "quantity": "x"}]}"""))
                    .isEqualTo("items[1].quantity");
            assertThat(field("""
                    {"customerId": "c", "byKey": {"k": {"productId": "p", "quantity": true}}}"""))
                    .isEqualTo("byKey.k.quantity");
            assertThat(field("""
                    {"customerId": {"id": 1}}""")).isEqualTo("customerId");
        }

        @Test
        void aSyntaxErrorIsNamedByWhereTheParserStood() {
            assertThat(field("""
                    {"customerId": "c", "items": [{"productId": "p",, }"""))
                    .isEqualTo("items[0]");
            assertThat(field("not json")).isEqualTo("body");
        }

        @Test
        void aNumberOutOfRangeIsNamedByItsField() {
            assertThat(field("""
                    {"customerId": "c", "items": [{"productId": "p", "quantity": 99999999999}]}"""))
                    .isEqualTo("items[0].quantity");
        }

        @Test
        void theBodyAsAWholeIsTheBody() {
            assertThat(field("[]")).isEqualTo("body");
            assertThat(field("{\"customerId\": \"c\"} {")).isEqualTo("body");
        }

        private String field(String body) {
            JsonProcessingException error = catchThrowableOfType(JsonProcessingException.class,
                    () -> json.readValue(body, Order.class));
            assertThat(error).as("an error for %s", body).isNotNull();
            return FieldPaths.of(error);
        }
    }

    /** Quarkus' ObjectMapper (unknown properties ignored) with the strict reading every service gets. */
    static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new StrictJsonCustomizer().customize(mapper);
        return mapper;
    }
}
