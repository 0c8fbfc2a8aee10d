package io.orderplatform.order.messaging;

import java.util.concurrent.Executor;
import java.util.function.Function;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * Runs background work (relay rounds, backlog refreshes, retention) on a fresh Vert.x duplicated context marked safe, the
 * way Quarkus runs a request: Hibernate Reactive keeps its session in that context, so background work neither
 * shares a session with a request nor runs without one.
 */
public final class SafeContexts {

    private SafeContexts() {
    }

    /**
     * Subscribes to the work on a new duplicated context of {@code base}. The work gets an executor that runs on
     * that context, to come back to it after callbacks on other threads (Kafka acks), since a Hibernate Reactive
     * session must only be used from the thread that opened it.
     */
    public static <T> Uni<T> onNewContext(Context base, Function<Executor, Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(base);
        VertxContextSafetyToggle.setContextSafe(context, true);
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        return Uni.createFrom().deferred(() -> work.apply(onContext)).runSubscriptionOn(onContext);
    }
}
