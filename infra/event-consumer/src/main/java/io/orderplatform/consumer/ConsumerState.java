package io.orderplatform.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * What the consumer is doing, for health and metrics: whether it is paused (some work held by a systemic failure,
 * retried until it passes), since when and why; and how long the oldest attempt in flight has been running.
 */
// Created at start, not at first use: its meters must exist before the first pause (an alert reads a missing
// series as no data).
@Startup
@ApplicationScoped
public class ConsumerState {

    private static final Logger LOG = Logger.getLogger(ConsumerState.class);

    /** A pause: the latest systemic failure and when the pause began. */
    public record Pause(String cause, Instant since, int heldWork) {
    }

    private final Map<Object, String> held = new ConcurrentHashMap<>();
    private final Map<Long, Long> attemptsStartedAt = new ConcurrentHashMap<>();
    private final AtomicLong attemptIds = new AtomicLong();
    private final Counter pauses;
    private volatile Instant pausedSince;
    private volatile long pausedSinceNanos;
    private volatile String lastCause;
    private long completedPausesNanos;

    public ConsumerState(MeterRegistry registry,
            @ConfigProperty(name = "mp.messaging.incoming.order-events.group.id") String group) {
        this.pauses = Counter.builder("order.events.consumer.pauses")
                .description("Times the consumer paused on a systemic failure").tag("group", group).register(registry);
        Gauge.builder("order.events.consumer.paused", this, state -> state.isPaused() ? 1 : 0)
                .description("1 while the consumer is paused on a systemic failure, retrying").tag("group", group)
                .register(registry);
        FunctionCounter.builder("order.events.consumer.paused.seconds", this, ConsumerState::pausedSeconds)
                .description("Seconds spent paused on systemic failures, the current pause included")
                .tag("group", group).register(registry);
    }

    /** {@code work} is held by {@code failure} and will be retried: the consumer is paused until none is held. */
    public synchronized void hold(Object work, Throwable failure) {
        lastCause = DeadLetterReason.describe(failure);
        if (held.isEmpty()) {
            pausedSince = Instant.now();
            pausedSinceNanos = System.nanoTime();
            pauses.increment();
            LOG.warnf("Paused: %s. Holding the records in hand and retrying with backoff until it passes; nothing "
                    + "is dead-lettered or committed past meanwhile", lastCause);
        }
        held.put(work, lastCause);
    }

    /** {@code work} is done (applied, or given up for a non-systemic reason). */
    public synchronized void release(Object work) {
        if (held.remove(work) != null && held.isEmpty()) {
            long pausedNanos = System.nanoTime() - pausedSinceNanos;
            completedPausesNanos += pausedNanos;
            pausedSince = null;
            LOG.infof("Resumed after %.1f s paused (last failure: %s)", pausedNanos / 1e9, lastCause);
        }
    }

    public boolean isPaused() {
        return !held.isEmpty();
    }

    public synchronized Optional<Pause> pause() {
        return held.isEmpty() ? Optional.empty() : Optional.of(new Pause(lastCause, pausedSince, held.size()));
    }

    public synchronized double pausedSeconds() {
        long current = held.isEmpty() ? 0 : System.nanoTime() - pausedSinceNanos;
        return (completedPausesNanos + current) / 1e9;
    }

    /** Marks an attempt as started; give the id to {@link #attemptEnded}. */
    public long attemptStarted() {
        long id = attemptIds.incrementAndGet();
        attemptsStartedAt.put(id, System.nanoTime());
        return id;
    }

    public void attemptEnded(long id) {
        attemptsStartedAt.remove(id);
    }

    /** How long the oldest attempt still running has been at it (zero when none is). */
    public Duration oldestAttempt() {
        long now = System.nanoTime();
        return attemptsStartedAt.values().stream().min(Long::compare).map(started -> Duration.ofNanos(now - started))
                .orElse(Duration.ZERO);
    }
}
