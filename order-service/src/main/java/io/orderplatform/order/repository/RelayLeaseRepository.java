package io.orderplatform.order.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The relay lease: the single row of {@code outbox_relay_lease}. Whoever holds its row lock relays; with
 * SKIP LOCKED the other instances see no row at once instead of queueing behind the holder.
 */
@ApplicationScoped
public class RelayLeaseRepository {

    private static final String TRY_LOCK = "SELECT id FROM outbox_relay_lease WHERE id = 1 FOR UPDATE SKIP LOCKED";

    /** True when this transaction now holds the lease (until it ends); false when another one holds it. */
    public Uni<Boolean> tryAcquire() {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(TRY_LOCK).getResultList())
                .map(rows -> !rows.isEmpty());
    }
}
