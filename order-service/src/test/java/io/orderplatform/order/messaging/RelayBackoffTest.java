package io.orderplatform.order.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RelayBackoffTest {

    @Test
    void doublesFromInitialUpToMax() {
        RelayBackoff backoff = new RelayBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));

        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            delays.add(backoff.nextDelay().toMillis());
        }

        assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
    }

    @Test
    void startsOverAfterASuccess() {
        RelayBackoff backoff = new RelayBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        backoff.nextDelay();
        backoff.nextDelay();

        backoff.reset();

        assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RelayBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelayBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
