package io.orderplatform.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void isLiveAndReady() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** Ready means able to accept orders: the database. Kafka and the outbox are not: orders wait in the outbox. */
    @Test
    void readinessIsTheDatabaseNotKafkaNorTheOutbox() {
        String readiness = given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.name", hasItems("database"))
                .extract().asString();

        assertThat(readiness).doesNotContain("outbox").doesNotContain("order-events");
    }

    /** Liveness is unchanged: the connector still reports the channel there. */
    @Test
    void livenessStillReportsTheKafkaChannel() {
        given().get("/q/health/live").then()
                .statusCode(200)
                .body(containsString("order-events"));
    }

    /**
     * An earlier test class (DatabaseOutageTest) may leave an event that waits for a relay round hung by its outage
     * (given up after order.outbox.round-timeout, 30 s in tests): the group is UP once that event is published.
     */
    @Test
    void theOutboxHasAHealthGroupOfItsOwn() {
        await("outbox group UP").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().get("/q/health/group/outbox").then()
                        .statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.name", contains("outbox"))
                        .body("checks[0].data.maxUnsentAgeSeconds", equalTo(5)));
    }

    @Test
    void outboxMetricsAreExposed() {
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(matchesPattern("(?s).*\\noutbox_backlog(\\{[^}]*})? [0-9.E]+\\n.*"))
                .body(containsString("outbox_oldest_unsent_age_seconds"))
                .body(containsString("outbox_published_total"))
                .body(containsString("outbox_publish_failures_total"))
                .body(containsString("outbox_publish_latency_seconds"));
    }
}
