package io.orderplatform.consumer.deadletter;

import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.orderplatform.consumer.ConsumerConfig;
import io.orderplatform.consumer.DeadLetterReason;
import io.orderplatform.consumer.EventRecordReader;
import io.orderplatform.database.SafeContexts;
import io.orderplatform.database.UncancelledWork;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Reads this consumer group's dead-letter topic (channel {@value #CHANNEL}, a consumer group of its own) into the
 * operator's index, {@code dead_letter}. A batch is acknowledged only once stored; a failed store (the database
 * away, or anything else) is retried with backoff until it works: a dead letter is never skipped, and this channel
 * never nacks. Meanwhile order-events consumption goes on: the two channels share nothing but the database.
 */
@ApplicationScoped
public class DeadLetterIndexer {

    public static final String CHANNEL = "dead-letters";

    private static final Logger LOG = Logger.getLogger(DeadLetterIndexer.class);

    private final DeadLetterRepository repository;
    private final ConsumerConfig config;
    private final DeadLetterMetrics metrics;

    /** @param config the shared path's retry backoff and attempt bound, which the index follows too */
    public DeadLetterIndexer(DeadLetterRepository repository, ConsumerConfig config, DeadLetterMetrics metrics) {
        this.repository = repository;
        this.config = config;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> index(KafkaRecordBatch<String, byte[]> batch) {
        if (batch.getRecords().isEmpty()) {
            return Uni.createFrom().completionStage(batch::ack);
        }
        String topic = batch.getRecords().get(0).getTopic();
        // A transaction whose connection was closed under it may never complete (see ConsumerConfig): waited for
        // within the attempt timeout, then retried, each attempt on a context of its own (see SafeContexts).
        return SafeContexts.newContextPerAttempt().onNewContext(
                () -> UncancelledWork.waitAtMost(config.attemptTimeout(), () -> {
                    // Read inside the attempt: even a record this code cannot understand is retried, never skipped.
                    List<DeadLetter> deadLetters = batch.getRecords().stream().map(DeadLetterRecords::read).toList();
                    return Panache.withTransaction(() -> repository.storeUnlessStored(deadLetters));
                }, () -> new TimeoutException("No outcome from the database within " + config.attemptTimeout())))
                .onFailure().invoke(failure -> {
                    metrics.indexRetried(topic);
                    LOG.warnf("Could not store %d dead letters of %s (first at offset %d), retrying: %s",
                            batch.getRecords().size(), topic, EventRecordReader.offsetOf(batch.getRecords().get(0)),
                            DeadLetterReason.describe(failure));
                })
                // Every failure, not only systemic ones: a dead letter cannot be dead-lettered, nor skipped.
                .onFailure().retry()
                .withBackOff(config.retry().initialBackoff(), config.retry().maxBackoff())
                .withJitter(config.retry().jitter())
                .indefinitely()
                .invoke(stored -> metrics.indexed(topic, stored))
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }
}
