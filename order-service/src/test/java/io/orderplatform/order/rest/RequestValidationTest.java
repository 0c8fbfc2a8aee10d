package io.orderplatform.order.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.orderplatform.problem.FieldPaths;
import io.orderplatform.problem.JsonErrors;
import io.orderplatform.problem.StrictJsonCustomizer;

/** The request rules and the field names problems report, without starting Quarkus. */
class RequestValidationTest {

    private static ValidatorFactory factory;
    private static Validator validator;
    private static ObjectMapper json;

    @BeforeAll
    static void setUp() {
        factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        validator = factory.getValidator();
        json = new ObjectMapper();
        new StrictJsonCustomizer().customize(json);
    }

    @AfterAll
    static void tearDown() {
        factory.close();
    }

    @Test
    void aValidRequestHasNoViolations() {
        assertThat(validator.validate(request(line("sku-1", 1, "0.01"), line("sku-2", 10_000, "1000000.00"))))
                .isEmpty();
    }

    @Test
    void violationsNameTheFieldLikeTheRequestDoes() {
        CreateOrderRequest request = new CreateOrderRequest("", Arrays.asList(
                line("sku-1", 0, "1"), null, line(" ", 1, "-1"), line("sku-4", 1, "0.001")));

        assertThat(fields(validator.validate(request))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "customerId", "must not be blank",
                "items[0].quantity", "must be greater than or equal to 1",
                "items[1]", "must not be null",
                "items[2].productId", "must not be blank",
                "items[2].unitPrice", "must be greater than 0",
                "items[3].unitPrice", "numeric value out of bounds (<7 digits>.<2 digits> expected)"));
    }

    @Test
    void atMost100Lines() {
        List<OrderLineRequest> lines = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            lines.add(line("sku-" + i, 1, "1"));
        }

        assertThat(fields(validator.validate(new CreateOrderRequest("c", lines))))
                .containsExactly(Map.entry("items", "size must be between 1 and 100"));
        assertThat(validator.validate(new CreateOrderRequest("c", lines.subList(0, 100)))).isEmpty();
    }

    @Test
    void wrongJsonTypesAreNotCoerced() {
        assertThat(jsonError("""
                {"customerId": "c", "items": [{"productId": "p", "quantity": 1.5, "unitPrice": 1}]}"""))
                .isEqualTo("items[0].quantity must be a whole number");
        assertThat(jsonError("""
                {"customerId": "c", "items": [{"productId": "p", "quantity": "3", "unitPrice": 1}]}"""))
                .isEqualTo("items[0].quantity must be a whole number");
        assertThat(jsonError("""
                {"customerId": "c", "items": [{"productId": "p", "quantity": 1, "unitPrice": "1.00"}]}"""))
                .isEqualTo("items[0].unitPrice must be a number");
        assertThat(jsonError("""
                {"customerId": true, "items": []}""")).isEqualTo("customerId must be a string");
        assertThat(jsonError("""
                {"customerId": "c", "items": {"productId": "p"}}""")).isEqualTo("items must be an array");
        assertThat(jsonError("[]")).isEqualTo("body must be an object");
    }

    private static String jsonError(String body) {
        MismatchedInputException error = catchThrowableOfType(MismatchedInputException.class,
                () -> json.readValue(body, CreateOrderRequest.class));
        assertThat(error).as("an error for %s", body).isNotNull();
        return FieldPaths.of(error) + " " + JsonErrors.expectation(error);
    }

    private static Map<String, String> fields(Set<ConstraintViolation<CreateOrderRequest>> violations) {
        return violations.stream().collect(Collectors.toMap(v -> FieldPaths.of(v.getPropertyPath()),
                ConstraintViolation::getMessage));
    }

    private static CreateOrderRequest request(OrderLineRequest... lines) {
        return new CreateOrderRequest("customer-1", List.of(lines));
    }

    private static OrderLineRequest line(String productId, int quantity, String unitPrice) {
        return new OrderLineRequest(productId, quantity, new BigDecimal(unitPrice));
    }
}
