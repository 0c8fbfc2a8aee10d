package io.orderplatform.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7WithTheRfcVariant() {
        UUID id = TimeOrderedIds.next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void theTextOfIdsMadeInLaterMillisecondsSortsLater() {
        List<String> ids = new ArrayList<>();
        long millisecond = -1;
        while (ids.size() < 5) {
            UUID id = TimeOrderedIds.next();
            // The millisecond is read from the id itself: a clock read beside the call can tick between the two.
            long madeIn = id.getMostSignificantBits() >>> 16;
            if (madeIn != millisecond) {
                millisecond = madeIn;
                ids.add(id.toString());
            }
        }

        // The CHAR(36) columns compare the text: what the indexes see.
        assertThat(ids).isSorted();
    }

    @Test
    void aHundredThousandIdsAreAllDifferent() {
        HashSet<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIds.next());
        }

        assertThat(ids).hasSize(100_000);
    }

    @Test
    void theFirst48BitsAreTheClock() {
        long before = System.currentTimeMillis();
        UUID id = TimeOrderedIds.next();
        long after = System.currentTimeMillis();

        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }
}
