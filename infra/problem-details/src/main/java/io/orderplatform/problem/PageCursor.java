package io.orderplatform.problem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.function.Function;

/**
 * Where a page of a keyset-paged list ended: the sort key {@code (at, id)} of its last row. Every list of the
 * platform (orders, audit events, dead letters) is ordered by a time and then an id, and its next page starts
 * strictly after this key: rows stored meanwhile never shift a page, as they would an offset, and a page deep in
 * the list costs what the first does, an index range from the key on, where an offset reads every row before it.
 * <p>
 * Opaque to clients: base64url of {@code <instant>/<id>}. It is not signed: it names only a position in a list the
 * client may read anyway, so a cursor edited into another valid one merely starts somewhere else.
 *
 * @param <I> the type of the list's id
 */
public record PageCursor<I>(Instant at, I id) {

    /** The range of a DATETIME column, which holds every stored time: a cursor beyond it was never given out. */
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at + "/" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor passed as parameter {@code name}, or null when absent (the first page).
     *
     * @param id reads an id from its text, throwing an {@link IllegalArgumentException} for text that is not one
     * @throws ProblemException a 400 naming the parameter when the value is not a cursor this API gave
     */
    public static <I> PageCursor<I> parse(String name, String value, Function<String, I> id) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int slash = decoded.indexOf('/');
            PageCursor<I> cursor = new PageCursor<>(Instant.parse(decoded.substring(0, slash)),
                    id.apply(decoded.substring(slash + 1)));
            // Only what encode() writes (no other spelling of the same key), and a time a database can compare.
            if (cursor.encode().equals(text) && !cursor.at.isBefore(EARLIEST) && !cursor.at.isAfter(LATEST)) {
                return cursor;
            }
        } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
            // answered below, like a cursor that decodes to something else
        }
        throw ProblemException.badRequest(name, "must be the nextCursor of a previous page, was '" + value + "'");
    }
}
