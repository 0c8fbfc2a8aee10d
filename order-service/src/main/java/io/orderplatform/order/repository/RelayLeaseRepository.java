package io.orderplatform.order.repository;

import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The relay lease: the single row of {@code outbox_relay_lease}. Whoever holds its row lock relays; with
 * SKIP LOCKED the other instances see no row at once instead of queueing behind the holder.
 */
@ApplicationScoped
public class RelayLeaseRepository {

    /** The lease, and the id of the database session that now holds it (to end that session if it hangs). */
    private static final String TRY_LOCK = """
            SELECT CONNECTION_ID() FROM outbox_relay_lease WHERE id = 1 FOR UPDATE SKIP LOCKED
            """;

    /**
     * Ends a database session and its transaction, from another session. Allowed without privileges for the
     * application's own sessions. Aborts a statement waiting for a lock at once, which closing the client side of the
     * connection would not: the server notices a closed client only when the statement returns.
     */
    private static final String KILL_SESSION = """
            KILL CONNECTION ?1
            """;

    /**
     * Takes the lease for the current transaction (until it ends). Returns the id of the database session that holds
     * it, or empty when another transaction holds it.
     */
    public Uni<OptionalLong> tryAcquire() {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(TRY_LOCK, Long.class).getResultList())
                .map(rows -> rows.isEmpty() ? OptionalLong.empty() : OptionalLong.of(rows.get(0)));
    }

    /**
     * Whether nobody holds the lease now: another transaction could take it. Runs in the caller's own session and
     * transaction, which keeps the lease only until it ends, a moment later.
     */
    public Uni<Boolean> isFree() {
        return tryAcquire().map(OptionalLong::isPresent);
    }

    /**
     * Frees the lease held by a session that will not let go by itself (a hung relay round): ends that session, which
     * rolls back its transaction. Runs in the caller's own session (another connection).
     */
    public Uni<Void> release(long holderSessionId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(KILL_SESSION).setParameter(1, holderSessionId)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
