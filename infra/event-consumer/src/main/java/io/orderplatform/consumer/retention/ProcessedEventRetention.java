package io.orderplatform.consumer.retention;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderplatform.consumer.ConsumerConfig;
import io.orderplatform.database.BatchedPurge;
import io.orderplatform.database.SafeContexts;
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
        purgeExpired(SafeContexts.newContext())
                .onTermination().invoke(() -> running.set(false))
                .subscribe().with(
                        rows -> LOG.debugf("Purged %d processed_event rows older than %s", rows,
                                config.processedEvent()),
                        failure -> LOG.warnf("Purging processed_event failed, next try in %s: %s", config.interval(),
                                failure.toString()));
    }

    /** Deletes expired rows, a batch per transaction ({@link BatchedPurge}) on the run's context; emits how many. */
    private Uni<Long> purgeExpired(Executor onContext) {
        // Each batch as long as a batch's apply attempt (ConsumerConfig.attemptTimeout).
        return Uni.createFrom().deferred(() -> BatchedPurge.untilShort(this::purgeBatch, config.batchSize(),
                        attemptTimeout, purged::increment))
                .runSubscriptionOn(onContext);
    }

    private Uni<Integer> purgeBatch() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(DELETE_OLDEST_PROCESSED_EVENTS)
                .setParameter(1, config.processedEvent().toSeconds())
                .setParameter(2, config.batchSize())
                .executeUpdate()));
    }
}
