package io.orderplatform.consumer.component;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.orderplatform.consumer.ConsumedEvent;
import io.orderplatform.consumer.EventEffect;
import io.smallrye.mutiny.Uni;

/** Persists one {@link AppliedEvent} per new event, in the shared path's transaction. */
@ApplicationScoped
public class RecordingEffect implements EventEffect {

    @Override
    public Uni<Void> apply(Mutiny.Session session, List<ConsumedEvent> newEvents) {
        List<AppliedEvent> rows = newEvents.stream().map(consumed -> {
            AppliedEvent row = new AppliedEvent();
            row.eventId = consumed.event().eventId().toString();
            row.orderId = consumed.event().orderId().toString();
            row.customerId = consumed.event().payload().customerId();
            return row;
        }).toList();
        return session.persistAll(rows.toArray()).chain(session::flush);
    }
}
