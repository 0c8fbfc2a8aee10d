package io.orderplatform.consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderplatform.contract.InvalidEventException;
import io.quarkus.runtime.Startup;

/**
 * The consumer's counters, tagged with its group: applied, duplicates skipped, dead-lettered (by kind), retries.
 * Every one is registered at start, each dead-letter kind included: a counter that appears only with its first
 * increment reads as "no data" rather than 0 to an alert, and {@code increase()} misses that first dead letter.
 */
// Created at start, not at first use: its meters must exist before anything happens (see above).
@Startup
@ApplicationScoped
public class ConsumerMetrics {

    private final MeterRegistry registry;
    private final String group;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter retries;

    public ConsumerMetrics(MeterRegistry registry,
            @ConfigProperty(name = "mp.messaging.incoming.order-events.group.id") String group) {
        this.registry = registry;
        this.group = group;
        this.applied = Counter.builder("order.events.applied").description("Order events applied for the first time")
                .tag("group", group).register(registry);
        this.duplicates = Counter.builder("order.events.duplicates")
                .description("Order events skipped because their eventId was applied before")
                .tag("group", group).register(registry);
        this.retries = Counter.builder("order.events.retries")
                .description("Attempts repeated after a systemic failure").tag("group", group).register(registry);
        for (InvalidEventException.Kind contractViolation : InvalidEventException.Kind.values()) {
            deadLetteredCounter(contractViolation.name());
        }
        deadLetteredCounter(FailureKind.DATA_REJECTED.name());
    }

    public void applied(int count) {
        applied.increment(count);
    }

    public void duplicates(int count) {
        duplicates.increment(count);
    }

    public void retried() {
        retries.increment();
    }

    /** @param kind a contract violation kind or DATA_REJECTED: never a systemic failure, which is retried */
    public void deadLettered(String kind) {
        deadLetteredCounter(kind).increment();
    }

    private Counter deadLetteredCounter(String kind) {
        return Counter.builder("order.events.dead.lettered").description("Order events sent to the dead-letter topic")
                .tag("group", group).tag("reason", kind).register(registry);
    }
}
