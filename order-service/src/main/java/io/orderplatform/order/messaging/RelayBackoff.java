package io.orderplatform.order.messaging;

import java.time.Duration;

/**
 * The pause between failed relay rounds: {@code initial}, doubling up to {@code max}, back to nothing after a
 * round that succeeds. Keeps a Kafka outage from turning into a busy loop of doomed sends.
 */
final class RelayBackoff {

    private final Duration initial;
    private final Duration max;
    private Duration current;

    RelayBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
    }

    /** The pause after one more failed round. */
    synchronized Duration nextDelay() {
        current = current == null ? initial : min(current.multipliedBy(2), max);
        return current;
    }

    synchronized void reset() {
        current = null;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
