package io.orderplatform.order.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the order intake ({@code order.intake.*}); application.properties says why each value. */
@ConfigMapping(prefix = "order.intake")
public interface IntakeConfig {

    /** Most new orders one transaction stores. */
    @WithDefault("100")
    int maxGroupSize();

    /** Groups written at the same time, each in its own transaction and connection. */
    @WithDefault("2")
    int groupsInFlight();

    /** New orders waiting or being written at most; the next one is answered 503 at once. */
    @WithDefault("300")
    int capacity();
}
