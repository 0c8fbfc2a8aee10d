package io.orderplatform.consumer;

import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * What one consumer service does with order events: its domain effect, applied inside the transaction that
 * also records the events as processed. It is given only events not applied before, each once, in the order
 * they were read (per partition, so per order).
 */
@FunctionalInterface
public interface EventEffect {

    Uni<Void> apply(Mutiny.Session session, List<ConsumedEvent> newEvents);
}
