package io.orderplatform.consumer.deadletter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How fast and how much a redrive sends. */
@ConfigMapping(prefix = "dead-letters")
public interface DeadLetterConfig {

    Redrive redrive();

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
