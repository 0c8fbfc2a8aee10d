package io.orderplatform.order.support;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;

/** Reads the outbox table from a test, through the application's own repository. */
public final class OutboxRows {

    private OutboxRows() {
    }

    public static List<OutboxEvent> of(OutboxEventRepository repository, Collection<UUID> orderIds) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.findByOrders(orderIds)));
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot read the outbox", e);
        }
    }

    public static long unsent(OutboxEventRepository repository) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(repository::backlog)).unsent();
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot read the outbox", e);
        }
    }
}
