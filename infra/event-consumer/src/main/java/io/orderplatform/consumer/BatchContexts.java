package io.orderplatform.consumer;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Hibernate Reactive keeps its session in the Vert.x context: work that runs concurrently (channel concurrency,
 * several channels) gets a duplicated context of its own, so that it never shares a session.
 * <p>
 * An attempt that is retried gets a new one for each try ({@link #newContextPerAttempt()}): an attempt given up
 * while its transaction is still open (its connection gone without the client hearing of it, as when the database is
 * killed mid-statement) leaves its session open in its context, and Panache hands the session of the current context
 * to the next {@code withTransaction} there. A retry on the same context would reuse that dead session and fail
 * ("Connection is not active now") for as long as the process lives.
 */
public final class BatchContexts {

    private BatchContexts() {
    }

    /** An executor that runs tasks on a new duplicated context of the current one, marked safe for Hibernate. */
    public static Executor newBatchContext() {
        return on(newDuplicate(Vertx.currentContext()));
    }

    /**
     * Executors for the attempts of one piece of work: each call gives a new duplicated context of the current
     * context when this is called (so of the same event loop), marked safe for Hibernate. Call it where the work
     * starts, on its Vert.x context; the supplier may be called from any thread, retry timers included.
     */
    public static Supplier<Executor> newContextPerAttempt() {
        Context current = Vertx.currentContext();
        return () -> on(newDuplicate(current));
    }

    private static Context newDuplicate(Context context) {
        Context duplicate = VertxContext.createNewDuplicatedContext(context);
        VertxContextSafetyToggle.setContextSafe(duplicate, true);
        return duplicate;
    }

    private static Executor on(Context context) {
        return task -> context.runOnContext(ignored -> task.run());
    }
}
