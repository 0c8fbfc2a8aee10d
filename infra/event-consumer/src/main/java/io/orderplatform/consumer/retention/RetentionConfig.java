package io.orderplatform.consumer.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long the consumer keeps its processed-events log, and how it purges what is older. */
@ConfigMapping(prefix = "orderplatform.consumer.retention")
public interface RetentionConfig {

    /** Off: the log grows forever (e.g. while investigating); on by default. */
    @WithDefault("true")
    boolean enabled();

    /**
     * A processed_event row older than this is purged. It must be longer than any way an applied event can be
     * delivered again, or that event would be applied twice: order-events keeps records 7 days, a dead letter can be
     * redriven for as long as its dead-letter topic keeps it (30 days), and a redrive then waits on its redrive topic
     * (7 days) at most: 37 days (infra/contract kafka/topics.json), so 40.
     */
    @WithDefault("40d")
    Duration processedEvent();

    /** How often the purge runs (the first run one interval after start). */
    @WithDefault("1h")
    Duration interval();

    /**
     * Rows deleted per statement, each in its own transaction: short transactions and short row locks, so the purge
     * never holds up the consumers' batches, however much there is to purge.
     */
    @WithDefault("5000")
    int batchSize();
}
