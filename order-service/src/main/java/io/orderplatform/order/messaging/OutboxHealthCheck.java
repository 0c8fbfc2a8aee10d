package io.orderplatform.order.messaging;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.orderplatform.order.repository.OutboxEventRepository.Backlog;
import io.smallrye.health.api.HealthGroup;

/**
 * DOWN while an event has waited longer than {@code order.outbox.health.max-unsent-age} to reach Kafka: orders are
 * still accepted and stored, but downstream consumers do not see them, which operators must notice. Served at
 * {@code /q/health/group/outbox} for monitoring and alerting; deliberately neither readiness nor liveness: taking
 * the instance out of the load balancer would stop orders being accepted, and restarting it would not bring Kafka
 * back. The outbox exists precisely so that orders are accepted while Kafka is down.
 */
@HealthGroup(OutboxHealthCheck.GROUP)
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    /** The health group: {@code /q/health/group/outbox}. */
    public static final String GROUP = "outbox";

    private final OutboxMetrics metrics;
    private final Duration maxUnsentAge;

    public OutboxHealthCheck(OutboxMetrics metrics, OutboxConfig config) {
        this.metrics = metrics;
        this.maxUnsentAge = config.health().maxUnsentAge();
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
        // backlog: exact up to OutboxEventRepository.EXACT_COUNT_LIMIT, an upper-bound estimate beyond (backlogExact).
        return response.withData("backlog", backlog.unsent())
                .withData("backlogExact", backlog.exact())
                .withData("retrying", backlog.retrying())
                .build();
    }
}
