package io.orderplatform.order.retention;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderplatform.database.BatchedPurge;
import io.orderplatform.database.SafeContexts;
import io.orderplatform.order.repository.RetentionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Every {@code order.retention.interval}, deletes what order-service no longer needs, a batch of {@code batch-size}
 * rows per short transaction until a batch comes back short ({@link BatchedPurge}):
 * <ul>
 * <li>outbox rows sent (acknowledged by Kafka) more than {@code outbox-sent-age} ago: the topic has the events, the
 * rows only served the relay and investigations. Unsent rows stay, however old.
 * <li>idempotency keys older than {@code idempotency-key-age}: past the window in which a client retries a request.
 * </ul>
 * Counted in {@code order_retention_purged_rows_total{table=...}}. A Vert.x timer, like the outbox sweep: the
 * scheduler extension is not available to this build (offline), and a timer is all the job needs. Several instances
 * may purge at the same time: each batch deletes what it finds, the batches of two instances only split the work.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    static final String METRIC = "order.retention.purged.rows";

    private final Vertx vertx;
    private final RetentionRepository retention;
    private final RetentionConfig config;
    private final Counter outboxPurged;
    private final Counter idempotencyKeysPurged;
    private final AtomicBoolean running = new AtomicBoolean();
    private Context context;
    private long timerId = -1;

    public RetentionJob(Vertx vertx, RetentionRepository retention, RetentionConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.retention = retention;
        this.config = config;
        this.outboxPurged = purgedRows(registry, "outbox_event");
        this.idempotencyKeysPurged = purgedRows(registry, "idempotency_key");
    }

    private static Counter purgedRows(MeterRegistry registry, String table) {
        return Counter.builder(METRIC)
                .description("Rows deleted by the retention job, per table")
                .tag("table", table)
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Retention is off (order.retention.enabled=false): sent outbox rows and idempotency keys are kept");
            return;
        }
        context = vertx.getOrCreateContext();
        timerId = vertx.setPeriodic(config.interval().toMillis(), ignored -> runOnce());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** One run at a time: a slow purge must not pile runs up. */
    private void runOnce() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        purge().onTermination().invoke(() -> running.set(false)).subscribe().with(
                purged -> LOG.debugf("Retention: %s", purged),
                failure -> LOG.warnf("Retention run failed, retried at the next interval: %s", failure.getMessage()));
    }

    /** Purges both tables now, whatever {@code enabled} says; completes with what it deleted. */
    public Uni<Purged> purge() {
        Context base = context != null ? context : vertx.getOrCreateContext();
        return SafeContexts.onNewContext(base, ignored -> {
            Instant now = Instant.now();
            return inBatches(cutoff -> retention.purgeSentOutbox(cutoff, config.batchSize()),
                    now.minus(config.outboxSentAge()), outboxPurged)
                    .flatMap(outbox -> inBatches(cutoff -> retention.purgeIdempotencyKeys(cutoff, config.batchSize()),
                            now.minus(config.idempotencyKeyAge()), idempotencyKeysPurged)
                            .map(keys -> new Purged(outbox, keys)));
        });
    }

    private Uni<Long> inBatches(Function<Instant, Uni<Integer>> batch, Instant cutoff, Counter purged) {
        return BatchedPurge.untilShort(() -> Panache.withTransaction(() -> batch.apply(cutoff)), config.batchSize(),
                config.batchTimeout(), purged::increment);
    }

    /** Rows one purge deleted. */
    public record Purged(long sentOutboxRows, long idempotencyKeys) {
    }
}
