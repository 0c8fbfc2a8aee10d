package io.orderplatform.order.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class EventBackoffTest {

    @Test
    void doublesWithEachFailedAttemptUpToMax() {
        EventBackoff backoff = new EventBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

        assertThat(IntStream.rangeClosed(1, 9).mapToObj(backoff::delayAfter).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void staysAtMaxHoweverManyAttemptsFailed() {
        EventBackoff backoff = new EventBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

        assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void refusesAMaxBelowInitial() {
        assertThatThrownBy(() -> new EventBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
