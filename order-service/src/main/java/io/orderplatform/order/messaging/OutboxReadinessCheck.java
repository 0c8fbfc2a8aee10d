package io.orderplatform.order.messaging;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.orderplatform.order.repository.OutboxEventRepository.Backlog;

/**
 * Not ready while an event has waited longer than {@code order.outbox.readiness.max-unsent-age} to reach Kafka:
 * orders are still accepted and stored, but downstream consumers do not see them, which operators must notice.
 * Readiness, not liveness: restarting the instance would not bring Kafka back.
 */
@Readiness
@ApplicationScoped
public class OutboxReadinessCheck implements HealthCheck {

    private final OutboxMetrics metrics;
    private final Duration maxUnsentAge;

    public OutboxReadinessCheck(OutboxMetrics metrics, OutboxConfig config) {
        this.metrics = metrics;
        this.maxUnsentAge = config.readiness().maxUnsentAge();
    }

    @Override
    public HealthCheckResponse call() {
        Backlog backlog = metrics.backlog();
        Duration age = metrics.oldestUnsentAge(Instant.now());
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox")
                .status(age.compareTo(maxUnsentAge) <= 0)
                .withData("maxUnsentAgeSeconds", maxUnsentAge.toSeconds())
                .withData("oldestUnsentAgeSeconds", age.toSeconds());
        if (backlog == null) {
            return response.withData("backlog", "not measured yet").build();
        }
        return response.withData("backlog", backlog.unsent()).build();
    }
}
