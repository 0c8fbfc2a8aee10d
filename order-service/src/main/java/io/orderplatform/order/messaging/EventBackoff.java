package io.orderplatform.order.messaging;

import java.time.Duration;

/**
 * The wait before one outbox event is tried again after Kafka failed or refused it: {@code initial} after the first
 * failed attempt, doubling with each further one, capped at {@code max}. Per event, so a record Kafka keeps refusing
 * (or a partition that stays offline) is retried at a slow, bounded pace while every other event goes out; capped,
 * so a record fixed in place (or a topic limit raised) goes out within {@code max}. Such an event is never dropped.
 */
final class EventBackoff {

    private final Duration initial;
    private final Duration max;

    EventBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
    }

    /** The wait after the event's {@code failedAttempts}-th failed attempt (1 for the first). */
    Duration delayAfter(int failedAttempts) {
        Duration delay = initial;
        for (int attempt = 1; attempt < failedAttempts && delay.compareTo(max) < 0; attempt++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) <= 0 ? delay : max;
    }
}
