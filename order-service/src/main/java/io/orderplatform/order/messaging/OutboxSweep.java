package io.orderplatform.order.messaging;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.orderplatform.database.SafeContexts;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Every {@code order.outbox.sweep-interval}: asks the relay for a round (unless one runs) and measures the
 * backlog for the metrics and the readiness check. The post-commit trigger makes events fast; the sweep makes
 * them certain: rows left by a crash, by a Kafka outage or by another instance's commits go out without
 * waiting for the next order.
 */
@ApplicationScoped
public class OutboxSweep {

    private static final Logger LOG = Logger.getLogger(OutboxSweep.class);

    private final Vertx vertx;
    private final OutboxRelay relay;
    private final OutboxEventRepository outbox;
    private final OutboxMetrics metrics;
    private final OutboxConfig config;
    private final AtomicBoolean measuring = new AtomicBoolean();
    private Context context;
    private long timerId = -1;

    public OutboxSweep(Vertx vertx, OutboxRelay relay, OutboxEventRepository outbox, OutboxMetrics metrics,
            OutboxConfig config) {
        this.vertx = vertx;
        this.relay = relay;
        this.outbox = outbox;
        this.metrics = metrics;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        context = vertx.getOrCreateContext();
        timerId = vertx.setPeriodic(config.sweepInterval().toMillis(), ignored -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void sweep() {
        relay.sweep();
        measureBacklog();
    }

    /** One measurement at a time: a slow database must not pile them up. */
    private void measureBacklog() {
        if (!measuring.compareAndSet(false, true)) {
            return;
        }
        SafeContexts.onNewContext(context, ignored -> Panache.withSession(outbox::backlog))
                .onTermination().invoke(() -> measuring.set(false))
                .subscribe().with(metrics::updateBacklog,
                        failure -> LOG.warnf("Cannot measure the outbox backlog: %s", failure.getMessage()));
    }
}
