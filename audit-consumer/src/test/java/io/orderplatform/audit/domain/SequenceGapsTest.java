package io.orderplatform.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class SequenceGapsTest {

    @Test
    void aFullTrailHasNoGap() {
        SequenceGaps gaps = SequenceGaps.of(List.of(1L, 2L, 3L));

        assertThat(gaps.missing()).isEmpty();
        assertThat(gaps.isComplete()).isTrue();
    }

    @Test
    void aMissingMiddleSequenceIsAGap() {
        SequenceGaps gaps = SequenceGaps.of(List.of(1L, 3L));

        assertThat(gaps.missing()).containsExactly(2L);
        assertThat(gaps.missingCount()).isEqualTo(1);
        assertThat(gaps.isComplete()).isFalse();
    }

    @Test
    void missingFirstSequencesAreGapsToo() {
        SequenceGaps gaps = SequenceGaps.of(List.of(3L));

        assertThat(gaps.missing()).containsExactly(1L, 2L);
    }

    @Test
    void theOrderAndRepetitionOfSequencesDoNotMatter() {
        SequenceGaps gaps = SequenceGaps.of(List.of(5L, 2L, 2L, 1L, 5L));

        assertThat(gaps.missing()).containsExactly(3L, 4L);
        assertThat(gaps.missingCount()).isEqualTo(2);
    }

    @Test
    void noSequenceNoGap() {
        assertThat(SequenceGaps.of(List.of()).isComplete()).isTrue();
    }

    @Test
    void anAbsurdSequenceListsTheFirstMissingNumbersAndCountsThemAll() {
        SequenceGaps gaps = SequenceGaps.of(List.of(1L, 1_000_000_000_000L));

        assertThat(gaps.missing()).hasSize(SequenceGaps.MAX_LISTED);
        assertThat(gaps.missing()).containsExactlyElementsOf(
                LongStream.rangeClosed(2, SequenceGaps.MAX_LISTED + 1).boxed().toList());
        assertThat(gaps.missingCount()).isEqualTo(1_000_000_000_000L - 2);
    }
}
