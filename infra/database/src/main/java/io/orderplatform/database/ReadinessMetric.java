package io.orderplatform.database;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * The service's readiness ({@code /q/health/ready}) as the gauge {@code health_readiness_up}: 1 while every readiness
 * check is UP, 0 otherwise. SmallRye Health exports no metric of its own, and an alert needs one: a probe's answer is
 * seen by the platform (Kubernetes takes the pod out of its Service) but by no one else.
 * <p>
 * Checked every {@link #CHECK_EVERY} on a worker thread, never at scrape time: a readiness check may take up to
 * {@link DatabaseHealthCheck#ANSWER_WITHIN} (the database's), and a scrape must stay cheap. The gauge starts at 0
 * until the first check answers; a check that fails or does not answer counts as not ready.
 */
@ApplicationScoped
public class ReadinessMetric {

    private static final Logger LOG = Logger.getLogger(ReadinessMetric.class);
    /** As often as a Kubernetes readiness probe's default period: an alert waits minutes anyway. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(10);

    private final SmallRyeHealthReporter reporter;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile boolean ready;
    private long timerId = -1;

    public ReadinessMetric(SmallRyeHealthReporter reporter, MeterRegistry registry) {
        this.reporter = reporter;
        Gauge.builder("health.readiness.up", this, metric -> metric.ready ? 1 : 0)
                .description("1 while every readiness check of the service (/q/health/ready) is UP, checked every "
                        + CHECK_EVERY.toSeconds() + " s")
                .register(registry);
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        timerId = vertx.setPeriodic(0, CHECK_EVERY.toMillis(), ignored -> check());
    }

    void stop(@Observes ShutdownEvent event, Vertx vertx) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** One check at a time: a check still running when the next is due (a stalled dependency) makes that a no-op. */
    private void check() {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        reporter.getReadinessAsync()
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(CHECK_EVERY).fail()
                .onTermination().invoke(() -> checking.set(false))
                .subscribe().with(health -> ready = !health.isDown(), failure -> {
                    ready = false;
                    LOG.debugf("Readiness could not be checked: %s", failure);
                });
    }
}
