package io.orderplatform.database;

import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Fresh Vert.x duplicated contexts marked safe, the way Quarkus runs a request: Hibernate Reactive keeps its session
 * in the context, so work on a context of its own neither shares a session with other work nor runs without one.
 * One per unit of work: a relay round, a retention run, a consumer batch, and each attempt of work that is retried.
 * <p>
 * Why each attempt: an attempt given up while its transaction is still open (its connection gone without the client
 * hearing of it, as when the database is killed mid-statement) leaves its session open in its context, and Panache
 * hands the session of the current context to the next {@code withTransaction} there. A retry on the same context
 * would reuse that dead session and fail ("Connection is not active now") for as long as the process lives.
 */
public final class SafeContexts {

    private SafeContexts() {
    }

    /**
     * Subscribes to the work on a new context of {@code base}. The work gets an executor that runs on that context,
     * to come back to it after callbacks on other threads (Kafka acks), since a Hibernate Reactive session must only
     * be used from the thread that opened it.
     */
    public static <T> Uni<T> onNewContext(Context base, Function<Executor, Uni<T>> work) {
        Executor onContext = executorOn(newContextOf(base));
        return Uni.createFrom().deferred(() -> work.apply(onContext)).runSubscriptionOn(onContext);
    }

    /** An executor that runs tasks on a new context of the current one (call it on a Vert.x thread). */
    public static Executor newContext() {
        return executorOn(newContextOf(Vertx.currentContext()));
    }

    /**
     * The contexts for the attempts of one piece of work, each a new context of the context current when this is
     * called (so of the same event loop). Call it where the work starts, on its Vert.x context; its attempts may be
     * subscribed from any thread, retry timers included.
     */
    public static AttemptContexts newContextPerAttempt() {
        return new AttemptContexts(Vertx.currentContext());
    }

    /** A new context for every attempt of one piece of work: see {@link #newContextPerAttempt()}. */
    public record AttemptContexts(Context base) {

        /**
         * The attempt, made anew on a new context at each subscription: a retry ({@code onFailure().retry()}
         * resubscribes) never runs where an abandoned attempt left its session.
         */
        public <T> Uni<T> onNewContext(Supplier<Uni<T>> attempt) {
            return Uni.createFrom().deferred(
                    () -> Uni.createFrom().deferred(attempt::get).runSubscriptionOn(executorOn(newContextOf(base))));
        }
    }

    private static Context newContextOf(Context base) {
        Context context = VertxContext.createNewDuplicatedContext(base);
        VertxContextSafetyToggle.setContextSafe(context, true);
        return context;
    }

    private static Executor executorOn(Context context) {
        return task -> context.runOnContext(ignored -> task.run());
    }
}
