package io.orderplatform.consumer.deadletter;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of dead-letter operations, tagged with the topic they are about (this group's DLQ or redrive topic). */
@ApplicationScoped
public class DeadLetterMetrics {

    private final MeterRegistry registry;

    public DeadLetterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Dead letters added to the index (a re-read one is not counted again). */
    void indexed(String dlqTopic, int count) {
        Counter.builder("dead.letters.indexed").description("Dead letters added to the operator's index")
                .tag("topic", dlqTopic).register(registry).increment(count);
    }

    /** An attempt to store dead letters failed and will be repeated (the database is away, typically). */
    void indexRetried(String dlqTopic) {
        Counter.builder("dead.letters.index.retries")
                .description("Attempts to store dead letters repeated after a failure")
                .tag("topic", dlqTopic).register(registry).increment();
    }

    /** Dead letters sent back and acknowledged by the broker. */
    void redriven(String redriveTopic, int count) {
        Counter.builder("dead.letters.redriven").description("Dead letters sent back to the redrive topic")
                .tag("topic", redriveTopic).register(registry).increment(count);
    }
}
