package io.orderplatform.order.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the outbox relay ({@code order.outbox.*}); application.properties says why each value. */
@ConfigMapping(prefix = "order.outbox")
public interface OutboxConfig {

    /** Most rows one relay round reads and sends. */
    @WithDefault("500")
    int batchSize();

    /** How often the sweep starts a round even if no commit asked for one. */
    @WithDefault("1s")
    Duration sweepInterval();

    /**
     * Longest the relay waits for one round before giving up on it as hung and going on with the next. Beyond a
     * legitimate round (bounded by the producer's delivery timeout and the bounded database calls); a round given up
     * on keeps the lease while its transaction lives, so the next round cannot overlap it.
     */
    @WithDefault("90s")
    Duration roundTimeout();

    Backoff backoff();

    Health health();

    interface Backoff {

        /** Pause after the first failed round. */
        @WithDefault("100ms")
        Duration initial();

        /** Longest pause, reached by doubling. */
        @WithDefault("5s")
        Duration max();
    }

    interface Health {

        /** The outbox health check ({@link OutboxHealthCheck}) is DOWN when an unsent event is older than this. */
        @WithDefault("60s")
        Duration maxUnsentAge();
    }
}
