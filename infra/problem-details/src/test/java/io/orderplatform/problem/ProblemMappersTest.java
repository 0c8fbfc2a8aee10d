package io.orderplatform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.RedirectionException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.orderplatform.database.DatabaseUnavailableException;
import io.orderplatform.problem.FieldPathsTest.Line;
import io.orderplatform.problem.FieldPathsTest.Order;
import io.orderplatform.problem.FieldPathsTest.Resource;
import io.orderplatform.problem.Problem.Violation;

/** What each kind of failure is answered with, without starting Quarkus. */
class ProblemMappersTest {

    record Positive(int value) {
        Positive {
            if (value < 0) {
                throw new IllegalArgumentException("internal: com.example.Secret refused " + value);
            }
        }
    }

    record Holder(Positive amount) {
    }

    private static ValidatorFactory factory;

    private final ProblemMappers mappers = new ProblemMappers();
    private final ObjectMapper json = FieldPathsTest.strictMapper();

    @BeforeAll
    static void setUp() {
        factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
    }

    @AfterAll
    static void tearDown() {
        factory.close();
    }

    // ---- ProblemException: the simple way for a service to answer

    @Test
    void aBadRequestNamesTheFieldInDetailAndViolations() {
        Problem problem = problem(map(ProblemException.badRequest("limit", "must be a whole number from 1 to 100")),
                400);

        assertThat(problem.type()).isEqualTo("https://orderplatform.io/problems/invalid-request");
        assertThat(problem.title()).isEqualTo("Invalid request");
        assertThat(problem.detail()).isEqualTo("limit must be a whole number from 1 to 100");
        assertThat(problem.violations()).containsExactly(new Violation("limit", "must be a whole number from 1 to 100"));
    }

    @Test
    void notFoundAndConflictHaveTheirTypesAndNoViolations() {
        Problem notFound = problem(map(ProblemException.notFound("No sales recorded for product p")), 404);
        Problem conflict = problem(map(ProblemException.conflict("Already done")), 409);

        assertThat(notFound.type()).isEqualTo(ProblemType.NOT_FOUND.uri());
        assertThat(notFound.detail()).isEqualTo("No sales recorded for product p");
        assertThat(notFound.violations()).isNull();
        assertThat(conflict.type()).isEqualTo(ProblemType.CONFLICT.uri());
        assertThat(conflict.title()).isEqualTo("Conflict");
    }

    @Test
    void anInvalidRequestWithSeveralViolationsCountsTheFields() {
        assertThat(new InvalidRequestException(List.of(new Violation("a", "x"), new Violation("b", "y"))).getMessage())
                .isEqualTo("2 fields are invalid");
        assertThat(new InvalidRequestException(List.of(new Violation("a", "x"), new Violation("a", "y"))).getMessage())
                .isEqualTo("a x; y");
    }

    // ---- Bean Validation

    @Test
    void violationsAreSortedByFieldAndTheDetailSaysHowManyFields() throws Exception {
        Order order = new Order(" ", List.of(new Line("p", 0, null)), null);

        Problem problem = problem(map(parameterViolations(order, "1234")), 400);

        assertThat(problem.type()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
        assertThat(problem.detail()).isEqualTo("3 fields are invalid");
        assertThat(problem.violations()).extracting(Violation::field)
                .containsExactly("customerId", "items[0].quantity", "size");
    }

    @Test
    void oneViolationIsTheDetail() throws Exception {
        Problem problem = problem(map(parameterViolations(null, null)), 400);

        assertThat(problem.detail()).isEqualTo("body must not be null");
        assertThat(problem.violations()).containsExactly(new Violation("body", "must not be null"));
    }

    @Test
    void aResponseBreakingItsOwnConstraintsIsOurFault() throws Exception {
        Method create = Resource.class.getMethod("create", Order.class, String.class);
        var violations = factory.getValidator().forExecutables().validateReturnValue(new Resource(), create,
                new Order("", List.of(new Line("p", 1, null)), null));

        Problem problem = problem(map(new ConstraintViolationException(violations)), 500);

        assertThat(problem.type()).isEqualTo(ProblemType.INTERNAL_ERROR.uri());
        assertThat(problem.violations()).isNull();
    }

    // ---- JSON

    @Test
    void malformedJsonSaysWhereWithTheServicesOwnWording() {
        String body = "{\"customerId\": \"c\", \"items\": [{\"productId\": \"p\",, }";

        Problem generic = problem(map(jsonError(body, Order.class)), 400);
        Problem own = problem(new ProblemMappers("The request body is not valid JSON for an order")
                .malformed(jsonError(body, Order.class), null), 400);

        assertThat(generic.type()).isEqualTo(ProblemType.MALFORMED_JSON.uri());
        assertThat(generic.title()).isEqualTo("Malformed JSON");
        assertThat(generic.detail()).startsWith("The request body is not valid JSON: Unexpected character")
                .contains("(line 1, column ");
        assertThat(generic.violations()).extracting(Violation::field).containsExactly("items[0]");
        assertThat(own.detail()).startsWith("The request body is not valid JSON for an order: Unexpected character");
    }

    @Test
    void trailingContentIsMalformed() {
        Problem problem = problem(map(jsonError("{\"customerId\": \"c\"} {", Order.class)), 400);

        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_JSON.uri());
        assertThat(problem.detail()).contains("Trailing token");
    }

    @Test
    void aWrongTypeOrANumberOutOfRangeIsAnInvalidRequestNamingTheField() {
        Problem wrongType = problem(map(jsonError("""
                {"customerId": "c", "items": [{"productId": "p", "quantity": "2"}]}""", Order.class)), 400);
        Problem outOfRange = problem(map(jsonError("""
                {"customerId": "c", "items": [{"productId": "p", "quantity": 99999999999}]}""", Order.class)), 400);

        assertThat(wrongType.type()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
        assertThat(wrongType.detail()).isEqualTo("items[0].quantity must be a whole number");
        assertThat(outOfRange.detail()).isEqualTo("items[0].quantity is out of range");
        assertThat(outOfRange.violations()).containsExactly(new Violation("items[0].quantity", "is out of range"));
    }

    @Test
    void aNumberOutOfRangeIsAnInvalidRequestWhicheverWayJacksonReportsIt() {
        InputCoercionException bare = new InputCoercionException(null, "Numeric value out of range of int", null,
                int.class);

        assertThat(problem(map(bare), 400).detail()).isEqualTo("body is out of range");
    }

    @Test
    void aValueItsConstructorRefusesNamesTheFieldButNotTheReason() {
        JsonProcessingException error = jsonError("{\"amount\": {\"value\": -1}}", Holder.class);
        assertThat(error).isInstanceOf(ValueInstantiationException.class);

        Problem problem = problem(map(error), 400);

        assertThat(problem.detail()).isEqualTo("amount has an invalid value");
        assertThat(problem.toString()).doesNotContain("Secret").doesNotContain("com.example");
    }

    @Test
    void aTypeJacksonCannotBindIsOurFault() {
        InvalidDefinitionException error = InvalidDefinitionException.from((JsonParser) null,
                "Cannot construct instance of `com.example.Abstract`", (JavaType) null);

        Problem problem = problem(map(error), 500);

        assertThat(problem.detail()).doesNotContain("com.example");
    }

    // ---- HTTP errors raised by the framework, and our own faults

    @Test
    void aFrameworkErrorIsAboutBlankWithItsReasonPhraseAndKeepsItsHeaders() {
        Response response = map(new WebApplicationException(Response.status(405).header("Allow", "GET, POST").build()));

        Problem problem = problem(response, 405);
        assertThat(problem.type()).isEqualTo("about:blank");
        assertThat(problem.title()).isEqualTo("Method Not Allowed");
        assertThat(response.getHeaderString("Allow")).isEqualTo("GET, POST");
    }

    @Test
    void aJacksonErrorWrappedByTheFrameworkIsStillNamed() {
        MismatchedInputException mismatch = (MismatchedInputException) jsonError("""
                {"customerId": 42, "items": []}""", Order.class);

        Problem problem = problem(map(new BadRequestException(mismatch)), 400);

        assertThat(problem.detail()).isEqualTo("customerId must be a string");
    }

    @Test
    void aRedirectStaysARedirect() {
        Response response = map(new RedirectionException(Response.Status.SEE_OTHER, URI.create("/orders/1")));

        assertThat(response.getStatus()).isEqualTo(303);
        assertThat(response.getLocation()).isEqualTo(URI.create("/orders/1"));
        assertThat(response.getEntity()).isNull();
    }

    @Test
    void serverErrorsNeverEchoInternals() {
        Problem unexpected = problem(map(new IllegalStateException("password=hunter2 at db-7")), 500);
        Problem web = problem(map(new WebApplicationException("pool db-7 exhausted", 503)), 503);

        assertThat(unexpected.type()).isEqualTo(ProblemType.INTERNAL_ERROR.uri());
        assertThat(unexpected.detail()).isEqualTo("The request could not be processed; it was logged.");
        assertThat(web.detail()).isEqualTo("The request could not be processed; it was logged.");
        assertThat(web.toString() + unexpected).doesNotContain("db-7").doesNotContain("hunter2");
    }

    @Test
    void anUnavailableDatabaseIsA503WithRetryAfterNotA500() {
        Throwable refused = new CompletionException(new java.net.ConnectException("Connection refused"));
        Throwable poolFull = new io.vertx.core.http.ConnectionPoolTooBusyException("max wait queue size of 100");
        Throwable readOnly = new io.vertx.mysqlclient.MySQLException("read-only", 1290, "HY000");

        for (Throwable failure : List.of(refused, poolFull, readOnly,
                new DatabaseUnavailableException("no answer within 4 s"))) {
            Response response = map(failure);
            Problem problem = problem(response, 503);
            assertThat(problem.type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE.uri());
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
            assertThat(problem.detail()).doesNotContain("Connection refused");
        }
    }

    // ---- The body

    @Test
    void extensionMembersAreWrittenBesideTheStandardOnesAndEmptyOnesAreLeftOut() throws Exception {
        Problem problem = new Problem(ProblemType.CONFLICT, "Cannot pay an order that is PAID", "/orders/1/pay", null)
                .with("currentStatus", "PAID").with("action", "pay");

        @SuppressWarnings("unchecked")
        Map<String, Object> written = json.readValue(json.writeValueAsString(problem), Map.class);

        assertThat(written).containsExactly(
                Map.entry("type", "https://orderplatform.io/problems/conflict"),
                Map.entry("title", "Conflict"),
                Map.entry("status", 409),
                Map.entry("detail", "Cannot pay an order that is PAID"),
                Map.entry("instance", "/orders/1/pay"),
                Map.entry("currentStatus", "PAID"),
                Map.entry("action", "pay"));
        assertThat(json.writeValueAsString(new Problem(ProblemType.NOT_FOUND, "gone", null, List.of())))
                .isEqualTo("{\"type\":\"https://orderplatform.io/problems/not-found\",\"title\":\"Not found\","
                        + "\"status\":404,\"detail\":\"gone\"}");
    }

    /** Like Quarkus REST: the mapper of the exception's nearest mapped type. */
    private Response map(Throwable e) {
        if (e instanceof ProblemException problem) {
            return mappers.problem(problem, null);
        }
        if (e instanceof ConstraintViolationException violations) {
            return mappers.invalid(violations, null);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return mappers.wrongType(mismatch, null);
        }
        if (e instanceof InputCoercionException coercion) {
            return mappers.outOfRange(coercion, null);
        }
        if (e instanceof InvalidDefinitionException definition) {
            return mappers.unbindable(definition, null);
        }
        if (e instanceof ValueInstantiationException instantiation) {
            return mappers.unconstructible(instantiation, null);
        }
        if (e instanceof JsonProcessingException json) {
            return mappers.malformed(json, null);
        }
        if (e instanceof WebApplicationException web) {
            return mappers.web(web, null);
        }
        return mappers.unexpected(e, null);
    }

    private static Problem problem(Response response, int status) {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.status()).isEqualTo(status);
        return problem;
    }

    private static ConstraintViolationException parameterViolations(Order body, String size) throws Exception {
        Method create = Resource.class.getMethod("create", Order.class, String.class);
        return new ConstraintViolationException(factory.getValidator().forExecutables()
                .validateParameters(new Resource(), create, new Object[] { body, size }));
    }

    private JsonProcessingException jsonError(String body, Class<?> type) {
        Throwable error = catchThrowable(() -> json.readValue(body, type));
        assertThat(error).as("an error for %s", body).isInstanceOf(JsonProcessingException.class);
        return (JsonProcessingException) error;
    }
}
