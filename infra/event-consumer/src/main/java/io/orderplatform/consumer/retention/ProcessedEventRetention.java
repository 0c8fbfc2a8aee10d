package io.orderplatform.consumer.retention;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderplatform.consumer.BatchContexts;
import io.orderplatform.consumer.ConsumerConfig;
import io.orderplatform.database.UncancelledWork;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Purges the processed-events log of rows older than {@link RetentionConfig#processedEvent()}, every
 * {@link RetentionConfig#interval()}, a batch of rows per transaction until a batch comes back short. Without it the
 * table, written once per event, only grows. A failed run (the database away) is logged and the next one tries again.
 */
@ApplicationScoped
public class ProcessedEventRetention {

    private static final Logger LOG = Logger.getLogger(ProcessedEventRetention.class);

    /**
     * The oldest rows first, by the index on processed_at (a range read of at most ?2 rows); the cut-off on the
     * database's clock, the one that wrote processed_at, so no time zone comes between them.
     */
    private static final String DELETE_OLDEST_PROCESSED_EVENTS = """
            DELETE FROM processed_event
            WHERE processed_at < CURRENT_TIMESTAMP(6) - INTERVAL ?1 SECOND
            ORDER BY processed_at
            LIMIT ?2""";

    private final RetentionConfig config;
    private final Duration attemptTimeout;
    private final Counter purged;
    private final AtomicBoolean running = new AtomicBoolean();

    public ProcessedEventRetention(RetentionConfig config, ConsumerConfig consumerConfig, MeterRegistry registry) {
        this.config = config;
        this.attemptTimeout = consumerConfig.attemptTimeout();
        this.purged = Counter.builder("consumer.retention.purged.rows")
                .description("Rows purged from a consumer table for being older than its retention")
                .tag("table", "processed_event").register(registry);
    }

    void schedule(@Observes StartupEvent started, Vertx vertx) {
        if (!config.enabled()) {
            LOG.info("Retention of processed_event is off (orderplatform.consumer.retention.enabled=false)");
            return;
        }
        long every = config.interval().toMillis();
        vertx.setPeriodic(every, every, tick -> run());
    }

    /** One run, on the timer's event loop; a run still going when the next is due makes that one a no-op. */
    private void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        purgeExpired(BatchContexts.newBatchContext())
                .onTermination().invoke(() -> running.set(false))
                .subscribe().with(
                        rows -> LOG.debugf("Purged %d processed_event rows older than %s", rows,
                                config.processedEvent()),
                        failure -> LOG.warnf("Purging processed_event failed, next try in %s: %s", config.interval(),
                                failure.toString()));
    }

    /**
     * Deletes expired rows a batch at a time until a batch deletes fewer than the batch size; emits how many. Each
     * batch's transaction is opened on {@code onContext}, where Hibernate Reactive keeps its session.
     */
    private Uni<Long> purgeExpired(Executor onContext) {
        return Uni.createFrom().deferred(this::purgeBatch).runSubscriptionOn(onContext)
                .chain(deleted -> deleted < config.batchSize()
                        ? Uni.createFrom().item((long) deleted)
                        : purgeExpired(onContext).map(more -> deleted + more));
    }

    private Uni<Integer> purgeBatch() {
        // As a batch's apply attempt (ConsumerConfig.attemptTimeout): a transaction whose connection was closed under
        // it (a frozen server) may never complete, and a run that never ends would stop every next one.
        return UncancelledWork.waitAtMost(attemptTimeout,
                        () -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                                .createNativeQuery(DELETE_OLDEST_PROCESSED_EVENTS)
                                .setParameter(1, config.processedEvent().toSeconds())
                                .setParameter(2, config.batchSize())
                                .executeUpdate())),
                        () -> new TimeoutException("No outcome from the database within " + attemptTimeout))
                .invoke(deleted -> purged.increment(deleted));
    }
}
