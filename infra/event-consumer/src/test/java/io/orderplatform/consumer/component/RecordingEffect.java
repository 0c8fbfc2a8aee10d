package io.orderplatform.consumer.component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.reactive.mutiny.Mutiny;

import io.orderplatform.consumer.ConsumedEvent;
import io.orderplatform.consumer.EventEffect;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Persists one {@link AppliedEvent} per new event, in the shared path's transaction. */
@ApplicationScoped
public class RecordingEffect implements EventEffect {

    private final AtomicBoolean abandonNext = new AtomicBoolean();
    private final AtomicInteger abandoned = new AtomicInteger();

    @Override
    public Uni<Void> apply(Mutiny.Session session, List<ConsumedEvent> newEvents) {
        if (abandonNext.compareAndSet(true, false)) {
            return connectionDiesWithoutAWord(session);
        }
        List<AppliedEvent> rows = newEvents.stream().map(consumed -> {
            AppliedEvent row = new AppliedEvent();
            row.eventId = consumed.event().eventId().toString();
            row.orderId = consumed.event().orderId().toString();
            row.customerId = consumed.event().payload().customerId();
            return row;
        }).toList();
        return session.persistAll(rows.toArray()).chain(session::flush);
    }

    /**
     * The next apply, once, behaves as an attempt whose database was killed mid-statement: its connection is ended
     * by the server and no answer ever comes, so the attempt is given up after the attempt timeout with its
     * transaction (and its session) never ended.
     */
    void abandonNextAttempt() {
        abandonNext.set(true);
    }

    int abandonedAttempts() {
        return abandoned.get();
    }

    private Uni<Void> connectionDiesWithoutAWord(Mutiny.Session session) {
        return session.createNativeQuery("SELECT CONNECTION_ID()", Long.class).getSingleResult()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(RecordingEffect::killConnection)
                .invoke(abandoned::incrementAndGet)
                .chain(ignored -> Uni.createFrom().nothing());
    }

    /** KILL from a connection of the same account (one's own sessions need no privilege), over JDBC. */
    private static void killConnection(long connectionId) {
        Config config = ConfigProvider.getConfig();
        try (Connection jdbc = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                Statement kill = jdbc.createStatement()) {
            kill.execute("KILL " + connectionId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not end connection " + connectionId, e);
        }
    }
}
