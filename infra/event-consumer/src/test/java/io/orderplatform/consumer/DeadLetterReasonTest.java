package io.orderplatform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.orderplatform.contract.InvalidEventException;

/** Dead-letter reasons are header text: one line, bounded, kind first. */
class DeadLetterReasonTest {

    @Test
    void aMultiLineParserMessageBecomesOneLine() {
        InvalidEventException invalid = new InvalidEventException(InvalidEventException.Kind.MALFORMED_JSON,
                List.of("Unexpected end-of-input\n at [Source: (String)\"{\"; line: 1,\r\n column: 2]"), null);

        DeadLetterReason reason = DeadLetterReason.contractViolation(invalid);

        assertThat(reason.getMessage()).isEqualTo(
                "MALFORMED_JSON: Unexpected end-of-input at [Source: (String)\"{\"; line: 1, column: 2]");
        assertThat(reason.kind()).isEqualTo("MALFORMED_JSON");
        assertThat(reason.getCause()).isNull();
    }

    @Test
    void aHugeMessageIsCut() {
        DeadLetterReason reason = DeadLetterReason.dataRejected(new IllegalArgumentException("x".repeat(5000)));

        assertThat(reason.getMessage()).startsWith("DATA_REJECTED: IllegalArgumentException: xxx")
                .hasSizeLessThan(1100);
    }
}
