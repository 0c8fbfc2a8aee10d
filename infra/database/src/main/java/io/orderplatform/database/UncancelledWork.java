package io.orderplatform.database;

import java.time.Duration;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Database work that is never cancelled midway, only no longer waited for. Cancelling a Hibernate Reactive
 * transaction, which a Mutiny timeout does from its own timer thread and a client that disconnects does through the
 * request's Uni, closes the session off its event loop (HR000068) and can leave the connection with a live
 * transaction ("Connection being closed with a live transaction associated to it": hibernate/hibernate-reactive#2926,
 * quarkusio/quarkus#51576). So the work is subscribed on its own and runs to its end, commit or rollback (or the
 * failure of a connection the silent-connection timeout closed), while the caller's wait is bounded.
 */
public final class UncancelledWork {

    private UncancelledWork() {
    }

    /**
     * The work subscribed on its own, on the subscribing thread (subscribe on the Vert.x context the session must
     * belong to): cancelling the returned Uni only stops waiting for the outcome, never the work.
     */
    public static <T> Uni<T> runToEnd(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> work.get().subscribe().with(emitter::complete, emitter::fail));
    }

    /** The work run to its end, and its outcome waited for at most {@code limit}, then {@code timedOut}'s failure. */
    public static <T> Uni<T> waitAtMost(Duration limit, Supplier<Uni<T>> work,
            Supplier<? extends Throwable> timedOut) {
        return runToEnd(work).ifNoItem().after(limit).failWith(timedOut);
    }
}
