package io.orderplatform.consumer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderplatform.consumer.tracing.ConsumerTracing;
import io.orderplatform.consumer.tracing.ConsumerTracing.BatchSpan;
import io.orderplatform.contract.InvalidEventException;
import io.orderplatform.database.SafeContexts;
import io.orderplatform.database.SafeContexts.AttemptContexts;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * The reliable path from a batch of order-event records to a consumer's database, shared by every consumer
 * service and every channel (order-events, redrive):
 * <ol>
 * <li>Each record is checked against the contract on its own (its value already on the poll thread,
 * {@link EventValueDeserializer}); a poison record goes, alone, to the group's dead-letter topic
 * ({@link DeadLetterSender}).</li>
 * <li>The valid events are applied in one transaction ({@link BatchApplier}). A systemic failure (the database
 * away, frozen, read-only...) pauses the consumer and retries until it passes ({@link OutageRetry}): nothing is
 * dead-lettered, nothing is committed past, the records stay in hand.</li>
 * <li>A batch the database refuses for its data is narrowed down one event at a time ({@link PoisonNarrowing});
 * only an event refused on its own is dead-lettered.</li>
 * <li>The batch is acked (its offsets committed by the throttled strategy) only after every dead letter was
 * written. This method never fails for a record's sake, so SmallRye's failure strategy never sees a valid batch.</li>
 * </ol>
 * Each record's trace goes on here ({@link ConsumerTracing}): its event is applied, or dead-lettered, in a span of the
 * trace its {@code traceparent} header names; the batch's span links them all.
 */
@ApplicationScoped
public class ReliableBatchProcessor {

    private final BatchApplier applier;
    private final OutageRetry outageRetry;
    private final DeadLetterSender deadLetters;
    private final ConsumerTracing tracing;

    public ReliableBatchProcessor(BatchApplier applier, OutageRetry outageRetry, DeadLetterSender deadLetters,
            ConsumerTracing tracing) {
        this.applier = applier;
        this.outageRetry = outageRetry;
        this.deadLetters = deadLetters;
        this.tracing = tracing;
    }

    public Uni<Void> process(KafkaRecordBatch<String, EventValue> batch, EventEffect effect) {
        BatchSpan batchSpan = tracing.startBatch(batch.getRecords());
        List<Poison> poison = new ArrayList<>();
        Map<ConsumedEvent, KafkaRecord<String, EventValue>> valid = new LinkedHashMap<>();
        for (KafkaRecord<String, EventValue> record : batch.getRecords()) {
            try {
                valid.put(EventRecordReader.read(record), record);
            } catch (InvalidEventException invalid) {
                poison.add(new Poison(record, DeadLetterReason.contractViolation(invalid)));
            }
        }
        AttemptContexts attemptContexts = SafeContexts.newContextPerAttempt();
        List<ConsumedEvent> events = List.copyOf(valid.keySet());
        return applyThroughOutages(events, effect, attemptContexts)
                .replaceWith(List.<PoisonNarrowing.Rejected>of())
                .onFailure(FailureClassifier::isDataRejected).recoverWithUni(failure -> PoisonNarrowing.narrow(
                        events, failure, event -> applyThroughOutages(List.of(event), effect, attemptContexts)))
                .chain(rejected -> {
                    Map<ConsumedEvent, KafkaRecord<String, EventValue>> applied = new LinkedHashMap<>(valid);
                    for (PoisonNarrowing.Rejected event : rejected) {
                        poison.add(new Poison(valid.get(event.event()), DeadLetterReason.dataRejected(event.failure())));
                        applied.remove(event.event());
                    }
                    batchSpan.applied(applied);
                    return sendInOrder(poison);
                })
                .chain(() -> Uni.createFrom().completionStage(batch::ack))
                .onItemOrFailure().invoke((ignored, failure) -> batchSpan.end(failure));
    }

    /** Each attempt on a context of its own: see {@link SafeContexts}. */
    private Uni<Integer> applyThroughOutages(List<ConsumedEvent> events, EventEffect effect,
            AttemptContexts attemptContexts) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        ConsumedEvent first = events.get(0);
        return outageRetry.untilDone(events.size() + " events from " + first.topic() + "-" + first.partition() + "@"
                + first.offset(), () -> attemptContexts.onNewContext(() -> applier.applyOnce(events, effect)));
    }

    /** A record for the dead-letter topic, and why. */
    private record Poison(KafkaRecord<String, EventValue> record, DeadLetterReason reason) {
    }

    private Uni<Void> sendInOrder(List<Poison> poison) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Poison each : poison) {
            chain = chain.chain(() -> deadLetters.send(each.record(), each.reason()));
        }
        return chain;
    }
}
