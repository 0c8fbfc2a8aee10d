package io.orderplatform.problem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import com.fasterxml.jackson.core.JsonParseException;

/**
 * A JSON request body must be UTF-8 (RFC 8259, section 8.1). Jackson's UTF-8 decoder takes some invalid sequences
 * for characters: an encoded surrogate ({@code ED A0 80}) becomes a lone surrogate, the overlong {@code C0 AF} a
 * '/', {@code F4 90 80 80} (beyond U+10FFFF) two odd characters. Text no client could have meant would pass
 * validation and reach the database, which stores something else again. Such a body is refused here, before
 * Jackson reads it, as malformed JSON ({@link ProblemMappers#malformed}).
 */
@Provider
public class Utf8JsonBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (isJson(context.getMediaType())) {
            // The whole body is in memory already (bounded by quarkus.http.limits.max-body-size).
            byte[] body = context.getInputStream().readAllBytes();
            int invalidAt = firstInvalidByte(body);
            if (invalidAt >= 0) {
                throw new JsonParseException(null, "Invalid UTF-8 at byte " + invalidAt);
            }
            context.setInputStream(new ByteArrayInputStream(body));
        }
        return context.proceed();
    }

    /** The offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
    static int firstInvalidByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        return result.isError() ? in.position() : -1;
    }

    private static boolean isJson(MediaType type) {
        String subtype = type == null ? "" : type.getSubtype().toLowerCase(Locale.ROOT);
        return subtype.equals("json") || subtype.endsWith("+json");
    }
}
