package io.orderplatform.order.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the verified-token cache ({@code order.security.verified-tokens.*}); application.properties says why. */
@ConfigMapping(prefix = "order.security.verified-tokens")
public interface VerifiedTokenConfig {

    /** Tokens remembered at most; the least recently used go first. */
    @WithDefault("1000")
    int maxSize();

    /** How long a verified token is taken without verifying it again (never past its own expiry). */
    @WithDefault("60s")
    Duration ttl();
}
