package io.orderplatform.metrics;

import static io.orderplatform.metrics.MetricsTestSupport.product;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static io.orderplatform.testsupport.ServiceMetrics.value;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.testsupport.DatabaseOutageDrill;
import io.orderplatform.testsupport.DatabaseOutageDrill.Fault;
import io.orderplatform.testsupport.DeadLetterApi;
import io.orderplatform.testsupport.DeadLetterFixtures;
import io.orderplatform.testsupport.DeadLetterFixtures.Cause;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The dead-letter index waits out a database outage: a dead letter that arrives meanwhile is stored, not skipped;
 * the API answers 503 with Retry-After until the database is back.
 */
@QuarkusTest
class DeadLetterIndexOutageTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the sales figures. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("metrics-tests", Roles.METRICS_READ, Roles.OPERATOR);
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @AfterEach
    void databaseBackUp() {
        DatabaseOutageDrill.bringBack();
    }

    @Test
    void aDeadLetterThatArrivesWhileTheDatabaseIsDownIsIndexedOnceItIsBackAndTheApiAnswers503Meanwhile() {
        OrderEvent event = order("c1", line(product("outage"), 1, "1.00")).paid();
        double retriesBefore = value("dead_letters_index_retries_total");

        DatabaseOutageDrill.takeAway(Fault.KILLED);
        try {
            DeadLetterFixtures.produce(companion, DeadLetterFixtures.deadLetter(Topics.METRICS_DLQ,
                    OrderEventFixtures.record(event), new Cause(Topics.ORDER_EVENTS, 1, 11,
                            "DATA_REJECTED: Data too long for column 'product_id' at row 1", "DATA_REJECTED",
                            "org.hibernate.exception.DataException")));
            // The index has met the outage once it retried: only then does the database come back.
            await().atMost(TIMEOUT).until(() -> value("dead_letters_index_retries_total") > retriesBefore);
            // Meanwhile an operator is told to come back later, at once.
            given().get(DeadLetterApi.PATH).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue());
        } finally {
            DatabaseOutageDrill.bringBack();
        }

        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(event.orderId()).size() == 1);
        assertThat(DeadLetterApi.ofOrder(event.orderId()).get(0)).containsEntry("eventId", event.eventId().toString());
    }
}
