package io.orderplatform.consumer.deadletter;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Dead-letter operations: how the index waits out a database outage, how fast and how much a redrive sends. */
@ConfigMapping(prefix = "dead-letters")
public interface DeadLetterConfig {

    Index index();

    Redrive redrive();

    interface Index {

        /** The first wait after a failed store; each next one doubles, with jitter, up to {@link #maxBackoff()}. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The longest wait between two attempts: a database back from an outage is seen within this. */
        @WithDefault("30s")
        Duration maxBackoff();
    }

    interface Redrive {

        /**
         * Records sent back per second, at most: a redrive of thousands must not crowd out live events on the
         * database. The consumers apply thousands per second, so 100 leaves them room.
         */
        @WithDefault("100")
        int recordsPerSecond();

        /** Records one request may send (and the default of its limit): 10 s at the default rate. */
        @WithDefault("1000")
        int maxPerRequest();
    }
}
