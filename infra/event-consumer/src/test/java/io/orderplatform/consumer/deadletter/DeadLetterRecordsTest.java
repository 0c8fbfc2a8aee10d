package io.orderplatform.consumer.deadletter;

import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_OFFSET;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_PARTITION;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_REASON;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.orderplatform.consumer.DeadLetterReason;

class DeadLetterRecordsTest {

    private static final Instant AT = Instant.parse("2026-11-30T10:15:30.123Z");
    private static final UUID EVENT_ID = UUID.fromString("0b6f5a3e-9c1d-4e2f-8a7b-6c5d4e3f2a1b");
    private static final UUID ORDER_ID = UUID.fromString("6f1c2b8e-2a4d-4f7e-9d35-0c7b1d2e3f40");

    @Test
    void aFirstDeadLetterComesFromWhereSmallRyeSaysItWasConsumed() {
        RecordHeaders headers = smallRyeHeaders("order-events", 3, 1041, "SCHEMA_VIOLATION: $.sequence: required");
        headers.add("eventId", utf8(EVENT_ID.toString()));
        headers.add(DeadLetterReason.KIND_HEADER, utf8("SCHEMA_VIOLATION"));

        DeadLetter d = DeadLetterRecords.read("order-events-metrics-dlq", 0, 12, ORDER_ID.toString(),
                utf8("{\"eventId\":\"" + EVENT_ID + "\",\"orderId\":\"" + ORDER_ID + "\"}"), headers, AT);

        assertThat(d.originalTopic()).isEqualTo("order-events");
        assertThat(d.originalPartition()).isEqualTo(3);
        assertThat(d.originalOffset()).isEqualTo(1041);
        assertThat(d.reason()).isEqualTo("SCHEMA_VIOLATION: $.sequence: required");
        assertThat(d.kind()).isEqualTo("SCHEMA_VIOLATION");
        assertThat(d.eventId()).isEqualTo(EVENT_ID);
        assertThat(d.orderId()).isEqualTo(ORDER_ID);
        assertThat(d.deadLetteredAt()).isEqualTo(AT);
        assertThat(d.firstDeadLetteredAt()).isEqualTo(AT);
        assertThat(d.redriveCount()).isZero();
        assertThat(d.status()).isEqualTo(DeadLetterStatus.NEW);
    }

    @Test
    void aRedrivenRecordThatFailedAgainKeepsItsOriginalCoordinatesAndHistory() {
        // SmallRye names the redrive topic as where it was consumed; the redrive headers know better.
        RecordHeaders headers = smallRyeHeaders("order-events-metrics-redrive", 0, 7, "SCHEMA_VIOLATION: again");
        headers.add(RedriveHeaders.COUNT, utf8("2"));
        headers.add(RedriveHeaders.ORIGINAL_TOPIC, utf8("order-events"));
        headers.add(RedriveHeaders.ORIGINAL_PARTITION, utf8("5"));
        headers.add(RedriveHeaders.ORIGINAL_OFFSET, utf8("99"));
        headers.add(RedriveHeaders.FIRST_DEAD_LETTERED_AT, utf8("2026-11-01T00:00:00Z"));

        DeadLetter d = DeadLetterRecords.read("order-events-metrics-dlq", 0, 13, "k", utf8("{}"), headers, AT);

        assertThat(d.originalTopic()).isEqualTo("order-events");
        assertThat(d.originalPartition()).isEqualTo(5);
        assertThat(d.originalOffset()).isEqualTo(99);
        assertThat(d.redriveCount()).isEqualTo(2);
        assertThat(d.firstDeadLetteredAt()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(d.deadLetteredAt()).isEqualTo(AT);
    }

    @Test
    void idsAreReadAsFarAsTheValueParsesAndOnlyWhenTheyAreUuids() {
        assertThat(DeadLetterRecords.EnvelopeIds.of(utf8("{\"eventId\": \"" + EVENT_ID + "\", \"orderId\": ")))
                .isEqualTo(new DeadLetterRecords.EnvelopeIds(EVENT_ID, null));
        assertThat(DeadLetterRecords.EnvelopeIds.of(utf8("{\"payload\": {\"eventId\": \"x\"}, \"orderId\": \""
                + ORDER_ID + "\", \"eventId\": 42}"))).isEqualTo(new DeadLetterRecords.EnvelopeIds(null, ORDER_ID));
        assertThat(DeadLetterRecords.EnvelopeIds.of(utf8("[1, 2]"))).isEqualTo(new DeadLetterRecords.EnvelopeIds(null, null));
        assertThat(DeadLetterRecords.EnvelopeIds.of(new byte[] { (byte) 0xC3, (byte) 0x28 }))
                .isEqualTo(new DeadLetterRecords.EnvelopeIds(null, null));
        assertThat(DeadLetterRecords.EnvelopeIds.of(null)).isEqualTo(new DeadLetterRecords.EnvelopeIds(null, null));
    }

    @Test
    void aRecordWithoutOrWithGarbageHeadersIsStillADeadLetter() {
        RecordHeaders garbage = new RecordHeaders();
        garbage.add(DEAD_LETTER_PARTITION, utf8("three"));
        garbage.add(RedriveHeaders.COUNT, utf8("-4"));
        garbage.add(DeadLetterReason.KIND_HEADER, utf8("K".repeat(500)));
        garbage.add("binary", new byte[] { (byte) 0xFF, 0 });
        garbage.add("null", null);

        DeadLetter none = DeadLetterRecords.read("dlq", 0, 1, null, null, null, null);
        DeadLetter bad = DeadLetterRecords.read("dlq", 0, 2, "k", utf8("{"), garbage, Instant.ofEpochMilli(-1));

        assertThat(none.originalTopic()).isNull();
        assertThat(none.reason()).isNull();
        assertThat(none.headersJson()).isEqualTo("[]");
        assertThat(none.deadLetteredAt()).isNotNull();
        assertThat(bad.originalPartition()).isNull();
        assertThat(bad.redriveCount()).isZero();
        assertThat(bad.kind()).hasSize(64);
        assertThat(DeadLetterHeaders.fromJson(bad.headersJson())).hasSize(5);
        assertThat(DeadLetterHeaders.fromJson(bad.headersJson()).get(3).value()).containsExactly(0xFF, 0);
        assertThat(DeadLetterHeaders.fromJson(bad.headersJson()).get(4).value()).isNull();
    }

    @Test
    void aRedriveSendsTheOriginalHeadersWithoutDeadLetterOrEarlierRedriveOnesPlusItsHistory() {
        RecordHeaders headers = smallRyeHeaders("order-events-metrics-redrive", 0, 7, "again");
        headers.add("eventId", utf8(EVENT_ID.toString()));
        headers.add("eventType", utf8("OrderPaid"));
        headers.add(RedriveHeaders.COUNT, utf8("1"));
        headers.add(RedriveHeaders.ORIGINAL_TOPIC, utf8("order-events"));
        headers.add(RedriveHeaders.ORIGINAL_PARTITION, utf8("5"));
        headers.add(RedriveHeaders.ORIGINAL_OFFSET, utf8("99"));
        headers.add(RedriveHeaders.FIRST_DEAD_LETTERED_AT, utf8("2026-11-01T00:00:00Z"));
        headers.add(RedriveHeaders.REQUESTED_AT, utf8("2026-11-02T00:00:00Z"));
        headers.add(DeadLetterReason.KIND_HEADER, utf8("SCHEMA_VIOLATION"));
        DeadLetter d = DeadLetterRecords.read("order-events-metrics-dlq", 0, 13, "k", utf8("{}"), headers, AT);
        Instant requestedAt = Instant.parse("2026-11-30T12:00:00Z");

        var sent = RedriveHeaders.forRedrive(d, d.redriveCount() + 1, requestedAt);

        assertThat(sent).extracting(h -> h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)).containsExactly(
                "eventId=" + EVENT_ID, "eventType=OrderPaid", RedriveHeaders.COUNT + "=2",
                RedriveHeaders.FIRST_DEAD_LETTERED_AT + "=2026-11-01T00:00:00Z",
                RedriveHeaders.ORIGINAL_TOPIC + "=order-events", RedriveHeaders.ORIGINAL_PARTITION + "=5",
                RedriveHeaders.ORIGINAL_OFFSET + "=99", RedriveHeaders.REQUESTED_AT + "=" + requestedAt);
    }

    @Test
    void aReasonIsSearchedForLiterally() {
        assertThat(DeadLetterFilter.escapeLike("100%_done!")).isEqualTo("100!%!_done!!");
    }

    private static RecordHeaders smallRyeHeaders(String topic, int partition, long offset, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DEAD_LETTER_REASON, utf8(reason));
        headers.add(DEAD_LETTER_TOPIC, utf8(topic));
        headers.add(DEAD_LETTER_PARTITION, utf8(Integer.toString(partition)));
        headers.add(DEAD_LETTER_OFFSET, utf8(Long.toString(offset)));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
