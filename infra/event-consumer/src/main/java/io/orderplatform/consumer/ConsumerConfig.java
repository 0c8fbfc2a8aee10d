package io.orderplatform.consumer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the shared consumer path rides out failures of its dependencies. */
@ConfigMapping(prefix = "order-events")
public interface ConsumerConfig {

    Retry retry();

    /**
     * One apply attempt (a transaction) is abandoned and retried after this long. Every database call is bounded
     * (orderplatform.database.*: a frozen server's connection is closed after 15 s), but Hibernate Reactive 3.1
     * was seen here to never complete a transaction whose connection was closed that way ("Failed to start a
     * transaction", then nothing): this bound makes such an attempt a failure to retry, not a hang. Its connection
     * is already closed by then, so abandoning it holds nothing.
     */
    @WithDefault("30s")
    Duration attemptTimeout();

    /**
     * An attempt (a transaction, a dead-letter send) still running after this long is stuck, not waiting: liveness
     * goes DOWN so the platform restarts the process. Every database call is bounded at seconds
     * (orderplatform.database.*) and a dead-letter send by the producer's delivery.timeout.ms (2 min), so only a
     * bug can get here. This replaces SmallRye's throttled unprocessed-record age, which cannot tell a consumer
     * paused on an outage from a stuck one.
     */
    @WithDefault("5m")
    Duration stallTimeout();

    /** Retries of a systemic failure: capped exponential backoff with jitter, for as long as the failure lasts. */
    interface Retry {

        /** The first wait; each next one doubles. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** The longest wait: the consumer resumes within about this long of its dependency's return. */
        @WithDefault("4s")
        Duration maxBackoff();

        /** Spread of each wait (0 to 1), so consumers recovering together do not retry in lockstep. */
        @WithDefault("0.3")
        double jitter();
    }
}
