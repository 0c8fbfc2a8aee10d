package io.orderplatform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cursors read back as written; anything else a client may send is a 400 naming the parameter. */
class PageCursorTest {

    private static final Instant AT = Instant.parse("2026-01-31T10:00:00.123456Z");
    private static final UUID ID = UUID.fromString("0b6c1c8e-3d53-4c59-9f3a-0f0f4e0c2a11");

    @Test
    void aCursorReadsBackAsWritten() {
        PageCursor<UUID> cursor = new PageCursor<>(AT, ID);

        assertThat(PageCursor.parse("cursor", cursor.encode(), UUID::fromString)).isEqualTo(cursor);
        assertThat(PageCursor.parse("cursor", new PageCursor<>(AT, 42L).encode(), Long::valueOf))
                .isEqualTo(new PageCursor<>(AT, 42L));
    }

    @Test
    void anAbsentCursorIsTheFirstPage() {
        assertThat(PageCursor.parse("cursor", null, UUID::fromString)).isNull();
        assertThat(PageCursor.parse("cursor", " ", UUID::fromString)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not-a-cursor!", "bm90LWEtY3Vyc29y", "=", "%%%",
            // decodes, but to something no page ends with
            "yesterday/0b6c1c8e-3d53-4c59-9f3a-0f0f4e0c2a11",
            "2026-01-31T10:00:00Z/", "2026-01-31T10:00:00Z/not-a-uuid", "2026-01-31T10:00:00Z/42",
            "/0b6c1c8e-3d53-4c59-9f3a-0f0f4e0c2a11", "2026-01-31T10:00:00Z",
            // another spelling of a key: the short form of a UUID, a time with an offset
            "2026-01-31T10:00:00Z/1-2-3-4-5", "2026-01-31T11:00:00+01:00/0b6c1c8e-3d53-4c59-9f3a-0f0f4e0c2a11",
            // a time no database column holds
            "+100000-01-01T00:00:00Z/0b6c1c8e-3d53-4c59-9f3a-0f0f4e0c2a11",
            "-0001-01-01T00:00:00Z/0b6c1c8e-3d53-4c59-9f3a-0f0f4e0c2a11" })
    void anythingElseIsA400NamingTheParameter(String decoded) {
        for (String value : List.of(decoded, base64(decoded))) {
            InvalidRequestException problem = catchThrowableOfType(InvalidRequestException.class,
                    () -> PageCursor.parse("cursor", value, UUID::fromString));

            assertThat(problem).as(value).isNotNull();
            assertThat(problem.violations()).extracting(Problem.Violation::field).containsExactly("cursor");
        }
    }

    @Test
    void theEndsOfADatetimeAreCursors() {
        for (Instant at : List.of(Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z"))) {
            PageCursor<UUID> cursor = new PageCursor<>(at, ID);

            assertThat(PageCursor.parse("cursor", cursor.encode(), UUID::fromString)).isEqualTo(cursor);
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
