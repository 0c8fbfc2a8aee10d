package io.orderplatform.metrics.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.orderplatform.consumer.ConsumedEvent;
import io.orderplatform.consumer.EventEffect;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.metrics.domain.SalesProjection;
import io.orderplatform.metrics.repository.SalesRepository;
import io.smallrye.mutiny.Uni;

/** The metrics consumer's effect of new order events: lock their orders' states, project, write the changes. */
@ApplicationScoped
public class SalesMetricsEffect implements EventEffect {

    private final SalesRepository sales;

    public SalesMetricsEffect(SalesRepository sales) {
        this.sales = sales;
    }

    @Override
    public Uni<Void> apply(Mutiny.Session session, List<ConsumedEvent> newEvents) {
        List<OrderEvent> events = newEvents.stream().map(ConsumedEvent::event).toList();
        Set<UUID> orderIds = new LinkedHashSet<>();
        events.forEach(e -> orderIds.add(e.orderId()));
        return sales.lockStates(session, orderIds)
                .map(current -> SalesProjection.project(current, events))
                .chain(result -> sales.saveStates(session, result.changedStates().values())
                        .chain(() -> sales.apply(session, result.delta())));
    }
}
