package io.orderplatform.consumer.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of dead letters (newest first) ended: the keyset {@code (deadLetteredAt, id)} of its last row. The
 * next page starts strictly after it, so rows stored meanwhile never shift a page, as an offset would. Opaque to
 * clients: base64url of {@code <instant>/<id>}.
 */
public record DeadLetterCursor(Instant deadLetteredAt, long id) {

    static DeadLetterCursor after(DeadLetterView last) {
        return new DeadLetterCursor(last.deadLetteredAt(), last.id());
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((deadLetteredAt + "/" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this API gave */
    public static DeadLetterCursor decode(String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
            int slash = decoded.lastIndexOf('/');
            return new DeadLetterCursor(Instant.parse(decoded.substring(0, slash)),
                    Long.parseLong(decoded.substring(slash + 1)));
        } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a cursor: " + text, e);
        }
    }
}
