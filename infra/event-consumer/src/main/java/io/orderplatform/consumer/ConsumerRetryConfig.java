package io.orderplatform.consumer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a consumer retries a transient failure (database down, deadlock, lock wait timeout) before it gives up
 * and dead-letters. The defaults total about 35 s of waiting: well within SmallRye's 60 s
 * {@code throttled.unprocessed-record-max-age.ms}, past which an unacked record would mark the channel unhealthy.
 */
@ConfigMapping(prefix = "order-events.retry")
public interface ConsumerRetryConfig {

    /** The first wait; each next one doubles, with jitter. */
    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("5s")
    Duration maxBackoff();

    /** Spread of each wait (0 to 1), so that consumers recovering together do not retry in lockstep. */
    @WithDefault("0.3")
    double jitter();

    /** Retries after the first attempt. */
    @WithDefault("10")
    int maxRetries();
}
