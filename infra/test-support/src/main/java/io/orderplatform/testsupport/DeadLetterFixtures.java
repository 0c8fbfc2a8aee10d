package io.orderplatform.testsupport;

import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_EXCEPTION_CLASS_NAME;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_OFFSET;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_PARTITION;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_REASON;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_TOPIC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Dead letters written straight onto a dead-letter topic, as SmallRye's dead-letter-queue strategy writes them (its
 * headers first, then the record's own, then the platform's dead-letter-kind): a record dead-lettered earlier, for a
 * cause since fixed, without having to break the service to produce it.
 */
public final class DeadLetterFixtures {

    /** The platform's header naming the kind of dead letter (the shared path's DeadLetterReason.KIND_HEADER). */
    public static final String KIND = "dead-letter-kind";

    private DeadLetterFixtures() {
    }

    /** Where a record was when it was dead-lettered, and why. */
    public record Cause(String topic, int partition, long offset, String reason, String kind,
            String exceptionClassName) {
    }

    /** The dead letter of {@code original} on {@code deadLetterTopic}, as SmallRye would have written it. */
    public static ProducerRecord<String, byte[]> deadLetter(String deadLetterTopic, ProducerRecord<String, String> original,
            Cause cause) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DEAD_LETTER_EXCEPTION_CLASS_NAME, utf8(cause.exceptionClassName()));
        headers.add(DEAD_LETTER_REASON, utf8(cause.reason()));
        headers.add(DEAD_LETTER_TOPIC, utf8(cause.topic()));
        headers.add(DEAD_LETTER_PARTITION, utf8(Integer.toString(cause.partition())));
        headers.add(DEAD_LETTER_OFFSET, utf8(Long.toString(cause.offset())));
        for (Header header : original.headers()) {
            headers.add(header);
        }
        if (cause.kind() != null) {
            headers.add(KIND, utf8(cause.kind()));
        }
        return new ProducerRecord<>(deadLetterTopic, null, original.key(),
                original.value() == null ? null : utf8(original.value()), headers);
    }

    /** Writes the dead letter and waits for the broker's ack. */
    public static RecordMetadata produce(KafkaCompanion companion, ProducerRecord<String, byte[]> deadLetter) {
        return companion.produce(String.class, byte[].class).fromRecords(deadLetter)
                .awaitCompletion(Duration.ofSeconds(60)).getRecords().get(0);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
