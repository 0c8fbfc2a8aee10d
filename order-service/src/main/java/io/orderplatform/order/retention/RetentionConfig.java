package io.orderplatform.order.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the retention job ({@code order.retention.*}); application.properties says why each value. */
@ConfigMapping(prefix = "order.retention")
public interface RetentionConfig {

    /** Off: nothing is ever deleted (the tables grow until purged by hand). */
    @WithDefault("true")
    boolean enabled();

    /** How often the job runs. */
    @WithDefault("10m")
    Duration interval();

    /** Sent outbox rows older than this (by sent_at) are deleted; unsent rows never are. */
    @WithDefault("7d")
    Duration outboxSentAge();

    /** Idempotency keys older than this (by created_at) are deleted. */
    @WithDefault("24h")
    Duration idempotencyKeyAge();

    /** Rows deleted per statement, each in its own transaction. */
    @WithDefault("5000")
    int batchSize();

    /** Longest one batch's transaction is waited for before the run is given up (retried at the next interval). */
    @WithDefault("30s")
    Duration batchTimeout();
}
