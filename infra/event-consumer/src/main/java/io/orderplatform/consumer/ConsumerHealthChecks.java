package io.orderplatform.consumer;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness says whether the consumer is applying events: DOWN while it is paused on a systemic failure, naming
 * the cause and since when. Liveness says whether the process is healthy: a pause is healthy (restarting would
 * not bring the database back); an attempt stuck past {@code order-events.stall-timeout} is not.
 */
@ApplicationScoped
public class ConsumerHealthChecks {

    private final ConsumerState state;
    private final Duration stallTimeout;

    public ConsumerHealthChecks(ConsumerState state, ConsumerConfig config) {
        this.state = state;
        this.stallTimeout = config.stallTimeout();
    }

    @Produces
    @Readiness
    HealthCheck applyingEvents() {
        return () -> state.pause()
                .map(pause -> HealthCheckResponse.named("order-events consumption").down()
                        .withData("paused", true)
                        .withData("cause", pause.cause())
                        .withData("since", pause.since().toString())
                        .withData("pausedSeconds", Duration.between(pause.since(), java.time.Instant.now()).toSeconds())
                        .withData("heldBatches", pause.heldWork())
                        .build())
                .orElseGet(() -> HealthCheckResponse.named("order-events consumption").up()
                        .withData("paused", false).build());
    }

    @Produces
    @Liveness
    HealthCheck notStuck() {
        return () -> {
            Duration oldest = state.oldestAttempt();
            return HealthCheckResponse.named("order-events attempts").status(oldest.compareTo(stallTimeout) <= 0)
                    .withData("oldestAttemptSeconds", oldest.toSeconds())
                    .withData("stallTimeoutSeconds", stallTimeout.toSeconds())
                    .build();
        };
    }
}
