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
     * Longest a round may take before it is ended as hung: its database session is ended (rolling its transaction
     * back and freeing the lease) and the relay goes on with the next round. Beyond a legitimate round (bounded by the
     * producer's delivery timeout and the bounded database calls).
     */
    @WithDefault("90s")
    Duration roundTimeout();

    /**
     * While a round runs longer than this, the relay looks this often whether the round still holds the lease; a
     * lease nobody holds means the round's transaction is gone (the database restarted, the connection was lost)
     * while the round still waits for an answer that will never come, and the round is given up at once.
     */
    @WithDefault("2s")
    Duration leaseCheckInterval();

    /** The pause between rounds while Kafka acknowledges nothing (away), or after a round that broke. */
    Backoff backoff();

    /** The wait before an event that failed is tried again, per event (see {@link EventBackoff}). */
    Backoff eventBackoff();

    Health health();

    interface Backoff {

        /** Pause after the first failure. */
        Duration initial();

        /** Longest pause, reached by doubling. */
        Duration max();
    }

    interface Health {

        /** The outbox health check ({@link OutboxHealthCheck}) is DOWN when an unsent event is older than this. */
        @WithDefault("60s")
        Duration maxUnsentAge();
    }
}
