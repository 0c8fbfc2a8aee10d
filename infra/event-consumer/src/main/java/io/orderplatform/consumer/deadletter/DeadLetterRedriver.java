package io.orderplatform.consumer.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.orderplatform.consumer.ConsumerConfig;
import io.orderplatform.consumer.DeadLetterReason;
import io.orderplatform.consumer.deadletter.RedriveResult.Item;
import io.orderplatform.consumer.deadletter.RedriveResult.Outcome;
import io.orderplatform.consumer.tracing.ConsumerTracing;
import io.orderplatform.database.RequestDatabaseWork;
import io.orderplatform.database.SafeContexts;
import io.orderplatform.database.UncancelledWork;
import io.orderplatform.problem.ProblemException;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends dead letters back to this group's redrive topic (channel {@value #CHANNEL}), which the group consumes through
 * the same reliable path as order-events: the original key, value bytes and headers, plus the history of
 * {@link RedriveHeaders}. Paced at {@code dead-letters.redrive.records-per-second}; a dead letter is marked
 * {@link DeadLetterStatus#REDRIVEN} only once the broker acknowledged its record (acks=all). Nothing loops by itself:
 * a redriven record that fails again becomes a new dead letter, and waits for the operator. Each send is a span of
 * the original record's trace, and the record sent back carries that span as its {@code traceparent}, so the trace
 * goes on when the record is applied (or dead-lettered again).
 */
@ApplicationScoped
public class DeadLetterRedriver {

    public static final String CHANNEL = "dead-letter-redrive";

    private static final Logger LOG = Logger.getLogger(DeadLetterRedriver.class);
    /** A failed marking (the database away) is tried again this often before the request fails. */
    private static final int MARK_RETRIES = 5;

    private final MutinyEmitter<byte[]> redriveTopic;
    private final DeadLetterRepository repository;
    private final DeadLetterConfig config;
    private final ConsumerConfig consumerConfig;
    private final DeadLetterMetrics metrics;
    private final RequestDatabaseWork database;
    private final String redriveTopicName;
    private final String deadLetterTopicName;
    private final ConsumerTracing tracing;

    public DeadLetterRedriver(@Channel(CHANNEL) MutinyEmitter<byte[]> redriveTopic, DeadLetterRepository repository,
            DeadLetterConfig config, ConsumerConfig consumerConfig, DeadLetterMetrics metrics,
            RequestDatabaseWork database,
            @ConfigProperty(name = "mp.messaging.outgoing." + CHANNEL + ".topic") String redriveTopicName,
            @ConfigProperty(name = "mp.messaging.incoming." + DeadLetterIndexer.CHANNEL + ".topic")
            String deadLetterTopicName, ConsumerTracing tracing) {
        this.redriveTopic = redriveTopic;
        this.tracing = tracing;
        this.repository = repository;
        this.config = config;
        this.consumerConfig = consumerConfig;
        this.metrics = metrics;
        this.database = database;
        this.redriveTopicName = redriveTopicName;
        this.deadLetterTopicName = deadLetterTopicName;
    }

    /** Which dead letters to send back. */
    public sealed interface Selection {
    }

    /** Those that match, oldest first. */
    public record ByFilter(DeadLetterFilter filter) implements Selection {
    }

    public record ByIds(List<Long> ids) implements Selection {
    }

    public record ByDlqOffsets(List<DlqOffset> offsets) implements Selection {
    }

    /**
     * Sends the chosen dead letters back, at most {@code limit}, or with {@code dryRun} only says which it would
     * send. Once started, a redrive runs to its end even if the client goes away: stopping midway would leave
     * acknowledged records unmarked.
     *
     * @throws ProblemException 404 (in the Uni) when ids or offsets name dead letters that are not stored
     */
    public Uni<RedriveResult> redrive(Selection selection, int limit, boolean dryRun) {
        Instant requestedAt = Instant.now();
        Executor onContext = SafeContexts.newContext();
        // The selection answers within the request bound, or 503 (a database away or frozen): nothing sent yet.
        Uni<RedriveResult> redrive = Uni.createFrom()
                .deferred(() -> database.run(() -> Panache.withSession(() -> select(selection, limit))))
                .runSubscriptionOn(onContext)
                .chain(chosen -> {
                    List<Planned> plan = chosen.deadLetters().stream()
                            .map(d -> new Planned(d, d.redriveCount() + 1)).toList();
                    if (dryRun) {
                        return Uni.createFrom().item(result(true, plan, Map.of(), chosen.more(), null));
                    }
                    return send(plan, requestedAt).emitOn(onContext).chain(sent -> markRedriven(plan, sent)
                            .replaceWith(() -> result(false, plan, sent.outcomes(), chosen.more(), sent.error())));
                });
        // Detached from the caller's subscription: a client that disconnects does not cancel it.
        return UncancelledWork.runToEnd(() -> redrive);
    }

    private record Chosen(List<DeadLetter> deadLetters, boolean more) {
    }

    /** A dead letter to send, and the redrive count it goes with. */
    private record Planned(DeadLetter deadLetter, int redriveCount) {
    }

    /** What each planned dead letter (by id) came to, and the first failure if any. */
    private record Sent(Map<Long, Outcome> outcomes, String error) {
    }

    private Uni<Chosen> select(Selection selection, int limit) {
        if (selection instanceof ByFilter byFilter) {
            return repository.oldestFirst(byFilter.filter(), limit + 1)
                    .map(found -> found.size() > limit ? new Chosen(found.subList(0, limit), true)
                            : new Chosen(found, false));
        }
        if (selection instanceof ByIds byIds) {
            return repository.byIds(byIds.ids()).map(found -> {
                Set<Long> stored = found.stream().map(DeadLetter::id).collect(Collectors.toSet());
                List<Long> unknown = byIds.ids().stream().filter(id -> !stored.contains(id)).distinct().toList();
                if (!unknown.isEmpty()) {
                    throw ProblemException.notFound("No dead letters with ids " + unknown + "; nothing was sent");
                }
                return new Chosen(found, false);
            });
        }
        ByDlqOffsets byOffsets = (ByDlqOffsets) selection;
        return repository.byDlqCoordinates(deadLetterTopicName, byOffsets.offsets()).map(found -> {
            Set<String> stored = found.stream().map(d -> d.dlqPartition() + ":" + d.dlqOffset())
                    .collect(Collectors.toSet());
            List<String> unknown = byOffsets.offsets().stream().map(o -> o.partition() + ":" + o.offset())
                    .filter(o -> !stored.contains(o)).distinct().toList();
            if (!unknown.isEmpty()) {
                throw ProblemException.notFound("No dead letters at " + deadLetterTopicName + " partition:offset "
                        + unknown + "; nothing was sent");
            }
            return new Chosen(found, false);
        });
    }

    /**
     * Sends at the configured pace, in order, without waiting for one acknowledgement before the next send. After
     * a failure the rest are not tried: the broker is away, or the record is refused, and the operator decides.
     */
    private Uni<Sent> send(List<Planned> plan, Instant requestedAt) {
        Duration interval = Duration.ofNanos(1_000_000_000L / Math.max(1, config.redrive().recordsPerSecond()));
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();
        return Multi.createFrom().iterable(plan)
                .onItem().call(planned -> Uni.createFrom().voidItem().onItem().delayIt().by(interval))
                .onItem().transformToUniAndMerge(planned -> {
                    if (firstFailure.get() != null) {
                        outcomes.put(planned.deadLetter().id(), Outcome.NOT_SENT);
                        return Uni.createFrom().voidItem();
                    }
                    DeadLetter deadLetter = planned.deadLetter();
                    Span span = tracing.startRedrive(redriveTopicName,
                            DeadLetterHeaders.fromJson(deadLetter.headersJson()),
                            Objects.toString(deadLetter.orderId(), null), Objects.toString(deadLetter.eventId(), null),
                            planned.redriveCount());
                    return redriveTopic.sendMessage(message(planned, requestedAt, span))
                            .invoke(() -> {
                                ConsumerTracing.ended(span, null);
                                outcomes.put(planned.deadLetter().id(), Outcome.SENT);
                            })
                            .onFailure().recoverWithItem(failure -> {
                                ConsumerTracing.ended(span, failure);
                                firstFailure.compareAndSet(null, failure);
                                outcomes.put(planned.deadLetter().id(), Outcome.NOT_SENT);
                                return null;
                            });
                })
                .collect().last()
                .map(ignored -> {
                    Throwable failure = firstFailure.get();
                    if (failure != null) {
                        LOG.errorf(failure, "Redrive to %s stopped after a failed send", redriveTopicName);
                    }
                    return new Sent(Map.copyOf(outcomes), failure == null ? null : DeadLetterReason.describe(failure));
                });
    }

    /** The record sent back; its trace context is the redrive span's (the channel's own tracing is off). */
    private Message<byte[]> message(Planned planned, Instant requestedAt, Span span) {
        DeadLetter deadLetter = planned.deadLetter();
        return Message.of(deadLetter.recordValue()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(deadLetter.recordKey())
                .withHeaders(new RecordHeaders(ConsumerTracing.continuing(
                        RedriveHeaders.forRedrive(deadLetter, planned.redriveCount(), requestedAt), span)))
                .build());
    }

    /**
     * Marks what the broker acknowledged, in one transaction, retried a few times (the shared path's backoff and
     * attempt bound) if the database is away. If it still fails, the request fails: the records were sent, and a
     * second redrive of the same dead letters applies nothing (eventId).
     */
    private Uni<Void> markRedriven(List<Planned> plan, Sent sent) {
        Map<Integer, List<Long>> idsByCount = new TreeMap<>();
        for (Planned planned : plan) {
            if (sent.outcomes().get(planned.deadLetter().id()) == Outcome.SENT) {
                idsByCount.computeIfAbsent(planned.redriveCount(), count -> new ArrayList<>())
                        .add(planned.deadLetter().id());
            }
        }
        if (idsByCount.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant redrivenAt = Instant.now();
        int count = idsByCount.values().stream().mapToInt(List::size).sum();
        metrics.redriven(redriveTopicName, count);
        LOG.infof("Redrove %d dead letters to %s (ids %s)", count, redriveTopicName, idsByCount.values());
        // Each attempt on a context of its own (see SafeContexts): a retry must not inherit the session of an
        // attempt given up with its transaction open.
        return SafeContexts.newContextPerAttempt().onNewContext(() -> UncancelledWork.waitAtMost(
                consumerConfig.attemptTimeout(),
                () -> Panache.withTransaction(() -> {
                    Uni<Void> marks = Uni.createFrom().voidItem();
                    for (Map.Entry<Integer, List<Long>> group : idsByCount.entrySet()) {
                        marks = marks.chain(() -> repository.markRedriven(group.getValue(), group.getKey(), redrivenAt)
                                .replaceWithVoid());
                    }
                    return marks;
                }), () -> new TimeoutException("No outcome from the database within "
                        + consumerConfig.attemptTimeout())))
                .onFailure().retry()
                .withBackOff(consumerConfig.retry().initialBackoff(), consumerConfig.retry().maxBackoff())
                .withJitter(consumerConfig.retry().jitter())
                .atMost(MARK_RETRIES);
    }

    private RedriveResult result(boolean dryRun, List<Planned> plan, Map<Long, Outcome> outcomes, boolean more,
            String error) {
        Map<Long, Item> items = new LinkedHashMap<>();
        for (Planned planned : plan) {
            DeadLetter d = planned.deadLetter();
            Outcome outcome = dryRun ? Outcome.WOULD_SEND : outcomes.getOrDefault(d.id(), Outcome.NOT_SENT);
            items.put(d.id(),
                    new Item(d.id(), d.recordKey(), d.eventId(), d.orderId(), planned.redriveCount(), outcome));
        }
        int sent = (int) items.values().stream().filter(i -> i.outcome() == Outcome.SENT).count();
        return new RedriveResult(dryRun, redriveTopicName, plan.size(), sent, dryRun ? 0 : plan.size() - sent, more,
                error, List.copyOf(items.values()));
    }
}
