package io.orderplatform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A page shows at most its limit; the row fetched beyond it only says that a next page exists. */
class KeysetPageTest {

    private static final Instant AT = Instant.parse("2026-01-31T10:00:00Z");

    @Test
    void rowsBeyondTheLimitMakeANextCursorAfterTheLastShown() {
        KeysetPage<Long> page = KeysetPage.of(List.of(5L, 4L, 3L), 2, id -> new PageCursor<>(AT, id));

        assertThat(page.items()).containsExactly(5L, 4L);
        assertThat(page.nextCursor()).isEqualTo(new PageCursor<>(AT, 4L).encode());
    }

    @Test
    void noRowBeyondTheLimitIsTheLastPage() {
        assertThat(KeysetPage.of(List.of(5L, 4L), 2, id -> new PageCursor<>(AT, id)))
                .isEqualTo(new KeysetPage<>(List.of(5L, 4L), null));
        assertThat(KeysetPage.of(List.<Long> of(), 2, id -> new PageCursor<>(AT, id)).nextCursor()).isNull();
    }

    @Test
    void aPageFetchesOneRowMoreThanItShows() {
        assertThat(KeysetPage.rowsToFetch(50)).isEqualTo(51);
    }
}
