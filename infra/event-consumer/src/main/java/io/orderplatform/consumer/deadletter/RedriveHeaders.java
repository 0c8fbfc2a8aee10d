package io.orderplatform.consumer.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The history a redriven record carries, as headers. The record goes back with its original key, value and headers
 * (never the {@code dead-letter-*} ones of its dead-lettering), plus these; if it fails again, SmallRye copies them
 * into the new dead letter, and the dead-letter index reads from them where the record first came from and how
 * often it was redriven.
 */
public final class RedriveHeaders {

    /** How many times the record has been redriven, this time included: 1 on the first redrive. */
    public static final String COUNT = "redrive-count";
    /** When the record was first dead-lettered (ISO-8601 instant). */
    public static final String FIRST_DEAD_LETTERED_AT = "redrive-first-dead-lettered-at";
    /** Where the record was first consumed from: topic, partition and offset on order-events. */
    public static final String ORIGINAL_TOPIC = "redrive-original-topic";
    public static final String ORIGINAL_PARTITION = "redrive-original-partition";
    public static final String ORIGINAL_OFFSET = "redrive-original-offset";
    /** When the operator asked for this redrive (ISO-8601 instant). */
    public static final String REQUESTED_AT = "redrive-requested-at";

    /** Headers of a dead letter that describe its dead-lettering (SmallRye's, and the platform's dead-letter-kind). */
    static final String DEAD_LETTER_PREFIX = "dead-letter-";
    static final String REDRIVE_PREFIX = "redrive-";

    private RedriveHeaders() {
    }

    /**
     * The headers of the record sent back for a dead letter: its original headers (without the dead-letter and
     * earlier redrive ones), then the history of this redrive.
     *
     * @param count the redrive count of this redrive (the dead letter's, plus one)
     */
    static List<Header> forRedrive(DeadLetter deadLetter, int count, Instant requestedAt) {
        List<Header> headers = new ArrayList<>();
        for (Header header : DeadLetterHeaders.fromJson(deadLetter.headersJson())) {
            if (!header.key().startsWith(DEAD_LETTER_PREFIX) && !header.key().startsWith(REDRIVE_PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(header(COUNT, Integer.toString(count)));
        headers.add(header(FIRST_DEAD_LETTERED_AT, deadLetter.firstDeadLetteredAt().toString()));
        // Unknown only for a record put on the dead-letter topic by hand, without SmallRye's headers.
        if (deadLetter.originalTopic() != null) {
            headers.add(header(ORIGINAL_TOPIC, deadLetter.originalTopic()));
        }
        if (deadLetter.originalPartition() != null) {
            headers.add(header(ORIGINAL_PARTITION, deadLetter.originalPartition().toString()));
        }
        if (deadLetter.originalOffset() != null) {
            headers.add(header(ORIGINAL_OFFSET, deadLetter.originalOffset().toString()));
        }
        headers.add(header(REQUESTED_AT, requestedAt.toString()));
        return headers;
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
