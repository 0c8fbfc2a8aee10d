package io.orderplatform.order.messaging;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.repository.OutboxEventRepository.Backlog;

/**
 * What the outbox relay makes visible: the backlog (measured by the sweep every sweep-interval, cached in between,
 * so a scrape costs no query), what it published and what failed, and how long an event takes from its commit to
 * the broker's ack.
 * <p>
 * The backlog gauges, as {@link OutboxEventRepository#backlog()} measures them with a bounded number of index reads:
 * <ul>
 * <li>{@code outbox_backlog}: events not yet acknowledged by Kafka; exact up to
 * {@value OutboxEventRepository#EXACT_COUNT_LIMIT}, beyond that an upper-bound estimate (the id span from the oldest
 * unsent event to the newest event).
 * <li>{@code outbox_oldest_unsent_age_seconds}: how long the oldest unsent event (lowest id) has waited; 0 without
 * a backlog. The one to alert on: it grows while anything, even one refused event, stays unsent.
 * <li>{@code outbox_retrying}: unsent events waiting for their next attempt after a failure (refused by Kafka, or
 * failed while Kafka was away), counted up to {@value OutboxEventRepository#EXACT_COUNT_LIMIT}.
 * </ul>
 */
@ApplicationScoped
public class OutboxMetrics {

    private final Counter published;
    private final Counter failures;
    private final Counter refused;
    private final Timer latency;
    private volatile Backlog backlog;

    public OutboxMetrics(MeterRegistry registry) {
        Gauge.builder("outbox.backlog", this, metrics -> metrics.backlog == null ? 0 : metrics.backlog.unsent())
                .description("Outbox events not yet acknowledged by Kafka (exact up to "
                        + OutboxEventRepository.EXACT_COUNT_LIMIT + ", an upper-bound estimate beyond)")
                .register(registry);
        Gauge.builder("outbox.oldest.unsent.age.seconds", this,
                        metrics -> metrics.oldestUnsentAge(Instant.now()).toMillis() / 1000.0)
                .description("How long the oldest outbox event not yet acknowledged by Kafka has waited")
                .register(registry);
        Gauge.builder("outbox.retrying", this, metrics -> metrics.backlog == null ? 0 : metrics.backlog.retrying())
                .description("Outbox events waiting for their next attempt after Kafka failed or refused them "
                        + "(counted up to " + OutboxEventRepository.EXACT_COUNT_LIMIT + ")")
                .register(registry);
        published = Counter.builder("outbox.published")
                .description("Outbox events acknowledged by Kafka")
                .register(registry);
        failures = Counter.builder("outbox.publish.failures")
                .description("Attempts to publish an outbox event that Kafka did not acknowledge")
                .register(registry);
        refused = Counter.builder("outbox.publish.refused")
                .description("Failed attempts that Kafka does not call transient (e.g. a record too large): "
                        + "the event is retried with a capped backoff but will fail until the record or topic changes")
                .register(registry);
        latency = Timer.builder("outbox.publish.latency")
                .description("From the state change's commit (outbox row written) to Kafka's ack")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    void updateBacklog(Backlog current) {
        backlog = current;
    }

    void published(Duration sinceCommit) {
        published.increment();
        latency.record(sinceCommit.isNegative() ? Duration.ZERO : sinceCommit);
    }

    void failed(boolean retriable) {
        failures.increment();
        if (!retriable) {
            refused.increment();
        }
    }

    /** The last backlog the sweep measured, or null before the first measurement. */
    public Backlog backlog() {
        return backlog;
    }

    /** Zero without a backlog. */
    public Duration oldestUnsentAge(Instant now) {
        Backlog current = backlog;
        if (current == null || current.unsent() == 0 || current.oldestCreatedAt() == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(current.oldestCreatedAt(), now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** Commit-to-ack latency so far: for logs and reports, not for decisions. */
    public Timer latency() {
        return latency;
    }
}
