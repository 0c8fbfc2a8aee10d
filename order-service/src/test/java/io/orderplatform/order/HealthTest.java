package io.orderplatform.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void isLiveAndReady() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessIncludesTheOutbox() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.name", hasItem("outbox"))
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox' }.data.maxUnsentAgeSeconds", equalTo(5));
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
