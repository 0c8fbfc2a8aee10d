package io.orderplatform.consumer;

import java.util.concurrent.Executor;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Hibernate Reactive keeps its session in the Vert.x context: each batch gets a duplicated context of its own, so
 * that batches processed concurrently (channel concurrency, several channels) never share a session, and every
 * attempt, retries included (their timers fire on other threads), is subscribed on it.
 */
public final class BatchContexts {

    private BatchContexts() {
    }

    /** An executor that runs tasks on a new duplicated context of the current one, marked safe for Hibernate. */
    public static Executor newBatchContext() {
        Context context = VertxContext.createNewDuplicatedContext(Vertx.currentContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return task -> context.runOnContext(ignored -> task.run());
    }
}
