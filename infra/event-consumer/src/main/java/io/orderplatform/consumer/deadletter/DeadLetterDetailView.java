package io.orderplatform.consumer.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One dead letter with its value and headers: what an operator reads to find out what went wrong. */
@RegisterForReflection
@Schema(description = "A dead letter with its value and headers")
public record DeadLetterDetailView(
        DeadLetterView deadLetter,
        @Schema(description = "The value as UTF-8 text; null when it is not UTF-8 (see valueBase64) or absent")
        String value,
        @Schema(description = "The value's bytes, base64") String valueBase64,
        @Schema(description = "Every header, in record order") List<HeaderView> headers) {

    /** A header: its value as UTF-8 text (null when it is not UTF-8), and its bytes. */
    @RegisterForReflection
    @Schema(name = "DeadLetterHeader")
    public record HeaderView(String key, String value, String valueBase64) {
    }

    static DeadLetterDetailView of(DeadLetter d) {
        List<HeaderView> headers = DeadLetterHeaders.fromJson(d.headersJson()).stream()
                .map(DeadLetterDetailView::header).toList();
        return new DeadLetterDetailView(DeadLetterView.of(d), utf8(d.recordValue()), base64(d.recordValue()), headers);
    }

    private static HeaderView header(Header header) {
        return new HeaderView(header.key(), utf8(header.value()), base64(header.value()));
    }

    private static String utf8(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }
}
