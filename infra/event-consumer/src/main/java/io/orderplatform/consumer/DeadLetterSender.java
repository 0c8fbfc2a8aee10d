package io.orderplatform.consumer;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.opentelemetry.api.trace.Span;
import io.orderplatform.consumer.tracing.ConsumerTracing;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends one record to the group's dead-letter topic by nacking it: SmallRye's {@code dead-letter-queue} strategy
 * writes the original key, value and headers plus the reason and original coordinates, acks=all, and only then
 * acks the record. A send that fails (Kafka away) is retried like any systemic failure, so the batch is acked
 * only after every dead letter is durable. Its sending is a span of the record's trace, and the dead letter carries
 * one {@code traceparent} of that trace ({@link ConsumerTracing#handOverToDeadLetterProducer}).
 */
@ApplicationScoped
public class DeadLetterSender {

    private static final Logger LOG = Logger.getLogger(DeadLetterSender.class);

    private final OutageRetry outageRetry;
    private final ConsumerMetrics metrics;
    private final ConsumerTracing tracing;

    public DeadLetterSender(OutageRetry outageRetry, ConsumerMetrics metrics, ConsumerTracing tracing) {
        this.outageRetry = outageRetry;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    public Uni<Void> send(KafkaRecord<String, ?> record, DeadLetterReason reason) {
        LOG.errorf("Dead-lettering record %s-%d@%d (key %s): %s", record.getTopic(), record.getPartition(),
                EventRecordReader.offsetOf(record), record.getKey(), reason.getMessage());
        RecordHeaders kind = new RecordHeaders();
        kind.add(DeadLetterReason.KIND_HEADER, reason.kind().getBytes(StandardCharsets.UTF_8));
        Metadata metadata = Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(kind).build());
        Span span = tracing.startDeadLetter(record, reason.kind());
        ConsumerTracing.handOverToDeadLetterProducer(record, span);
        return outageRetry.untilDone("dead letter of " + record.getTopic() + "-" + record.getPartition(),
                        () -> Uni.createFrom().completionStage(() -> record.nack(reason, metadata)))
                .invoke(() -> metrics.deadLettered(reason.kind()))
                .onItemOrFailure().invoke((ignored, failure) -> ConsumerTracing.ended(span, failure));
    }
}
