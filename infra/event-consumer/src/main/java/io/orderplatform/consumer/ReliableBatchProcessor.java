package io.orderplatform.consumer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.orderplatform.contract.InvalidEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The reliable path from a batch of order-event records to a consumer's database, shared by every consumer
 * service:
 * <ol>
 * <li>Each record is read and checked against the contract on its own; a poison record is nacked by itself,
 * so SmallRye's {@code dead-letter-queue} strategy sends just that record, with the reason, to the DLQ.</li>
 * <li>The valid events are applied in ONE reactive transaction: those already in the processed-events log are
 * skipped, the rest are recorded there and handed to the service's {@link EventEffect}. One transaction per
 * batch, not per event, is what lets a consumer drain a backlog at database batch speed.</li>
 * <li>A transient failure (database down, deadlock, lock timeout) retries the transaction with exponential
 * backoff and jitter ({@link ConsumerRetryConfig}); once retries are exhausted the batch's events are
 * dead-lettered, so every record is acked or nacked long before the throttled commit strategy's limit.</li>
 * <li>A permanent failure of a batch is narrowed down: the events are applied one by one, and only the one that
 * fails goes to the DLQ.</li>
 * <li>The batch is acked (its offsets committed by the throttled strategy) only after every dead letter was
 * written.</li>
 * </ol>
 */
@ApplicationScoped
public class ReliableBatchProcessor {

    private static final Logger LOG = Logger.getLogger(ReliableBatchProcessor.class);

    private final ProcessedEventLog processedEvents;
    private final ConsumerRetryConfig retry;
    private final ConsumerMetrics metrics;

    public ReliableBatchProcessor(ProcessedEventLog processedEvents, ConsumerRetryConfig retry,
            ConsumerMetrics metrics) {
        this.processedEvents = processedEvents;
        this.retry = retry;
        this.metrics = metrics;
    }

    public Uni<Void> process(KafkaRecordBatch<String, byte[]> batch, EventEffect effect) {
        List<Uni<Void>> deadLetters = new ArrayList<>();
        Map<ConsumedEvent, KafkaRecord<String, byte[]>> valid = new LinkedHashMap<>();
        for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
            try {
                valid.put(EventRecordReader.read(record), record);
            } catch (InvalidEventException invalid) {
                deadLetters.add(deadLetter(record, invalid));
            }
        }
        // Hibernate Reactive keeps its session in the Vert.x context: each batch gets a duplicated context of its
        // own, so that batches processed concurrently (channel concurrency) never share a session, and every
        // database attempt, retries included (their timers fire on other threads), is subscribed on it.
        Context context = VertxContext.createNewDuplicatedContext(Vertx.currentContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        List<ConsumedEvent> events = List.copyOf(valid.keySet());
        return applyWithRetries(events, effect, onContext)
                .onFailure().recoverWithUni(failure -> {
                    if (FailureClassifier.isTransient(failure) || events.size() == 1) {
                        events.forEach(event -> deadLetters.add(deadLetter(valid.get(event), failure)));
                        return Uni.createFrom().voidItem();
                    }
                    LOG.warnf(failure, "A batch of %d events failed permanently: applying them one by one to find "
                            + "the poison event", events.size());
                    return applyOneByOne(events, valid, effect, onContext, deadLetters);
                })
                .chain(() -> Uni.join().all(withNothing(deadLetters)).andFailFast())
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private Uni<Void> applyOneByOne(List<ConsumedEvent> events, Map<ConsumedEvent, KafkaRecord<String, byte[]>> records,
            EventEffect effect, Executor onContext, List<Uni<Void>> deadLetters) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ConsumedEvent event : events) {
            chain = chain.chain(() -> applyWithRetries(List.of(event), effect, onContext)
                    .onFailure().recoverWithItem(failure -> {
                        deadLetters.add(deadLetter(records.get(event), failure));
                        return null;
                    }));
        }
        return chain;
    }

    private Uni<Void> applyWithRetries(List<ConsumedEvent> events, EventEffect effect, Executor onContext) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> Panache.withTransaction(
                        () -> Panache.getSession().chain(session -> applyOnce(session, events, effect))))
                .runSubscriptionOn(onContext)
                .onFailure(FailureClassifier::isTransient).invoke(failure -> {
                    metrics.retried();
                    LOG.warnf("Transient failure applying %d events (first %s of order %s), retrying: %s",
                            events.size(), events.get(0).event().eventId(), events.get(0).event().orderId(), failure);
                })
                .onFailure(FailureClassifier::isTransient).retry()
                .withBackOff(retry.initialBackoff(), retry.maxBackoff()).withJitter(retry.jitter())
                .atMost(retry.maxRetries())
                .invoke(applied -> {
                    metrics.applied(applied);
                    metrics.duplicates(events.size() - applied);
                })
                .replaceWithVoid();
    }

    /** One attempt, inside a transaction: skip what was applied before, record and apply the rest. */
    private Uni<Integer> applyOnce(Mutiny.Session session, List<ConsumedEvent> events, EventEffect effect) {
        Map<String, ConsumedEvent> byEventId = new LinkedHashMap<>();
        events.forEach(e -> byEventId.putIfAbsent(e.event().eventId().toString(), e));
        return processedEvents.alreadyProcessed(session, byEventId.keySet())
                .chain(done -> {
                    List<ConsumedEvent> fresh = byEventId.values().stream()
                            .filter(e -> !done.contains(e.event().eventId().toString())).toList();
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return processedEvents.record(session, fresh)
                            .chain(() -> effect.apply(session, fresh))
                            .replaceWith(fresh.size());
                });
    }

    private Uni<Void> deadLetter(KafkaRecord<String, byte[]> record, Throwable reason) {
        metrics.deadLettered(reason);
        LOG.errorf("Dead-lettering record %s-%d@%d (key %s): %s", record.getTopic(), record.getPartition(),
                EventRecordReader.offsetOf(record), record.getKey(), reason.getMessage());
        return Uni.createFrom().completionStage(() -> record.nack(reason));
    }

    private static List<Uni<Void>> withNothing(List<Uni<Void>> unis) {
        return unis.isEmpty() ? List.of(Uni.createFrom().voidItem()) : unis;
    }
}
