package io.orderplatform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which request bodies are UTF-8: the sequences Jackson would take for characters are not. */
class Utf8JsonBodiesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "an encoded surrogate, 2278eda080, 2",
            "an overlong '/', 2278c0af, 2",
            "beyond U+10FFFF, 2278f4908080, 2",
            "a five-byte sequence, f888808080, 0",
            "a lone continuation byte, 7b80, 1",
            "a sequence cut short, 22e282, 1",
            "Latin-1, 22636166e922, 4" })
    void aBodyThatIsNotUtf8IsFoundAtItsFirstBadByte(String what, String hex, int offset) {
        assertThat(Utf8JsonBodies.firstInvalidByte(HexFormat.of().parseHex(hex))).isEqualTo(offset);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "{\"customerId\": \"c-1\"}", "caf\u00e9", "\uD83D\uDE00", "\uFEFF{}", "\u0000" })
    void utf8IsAccepted(String text) {
        assertThat(Utf8JsonBodies.firstInvalidByte(text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(-1);
    }
}
