package io.orderplatform.audit.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.orderplatform.audit.domain.ArrivalOrder;
import io.orderplatform.audit.repository.AuditRepository;
import io.orderplatform.consumer.ConsumedEvent;
import io.orderplatform.consumer.EventEffect;
import io.smallrye.mutiny.Uni;

/**
 * The audit consumer's effect of new order events: mark those that arrived out of order against what is already
 * recorded for their orders, then record them all, one immutable entry each.
 * <p>
 * The highest recorded sequences are read without a lock: an order's events are in one partition, which one
 * consumer of the group processes at a time, batch after batch. Only during a rebalance may two consumers apply
 * the same events at once, and then the shared processed-events log makes one of the transactions roll back.
 */
@ApplicationScoped
public class AuditTrailEffect implements EventEffect {

    private final AuditRepository audit;

    public AuditTrailEffect(AuditRepository audit) {
        this.audit = audit;
    }

    @Override
    public Uni<Void> apply(Mutiny.Session session, List<ConsumedEvent> newEvents) {
        Set<UUID> orderIds = new LinkedHashSet<>();
        newEvents.forEach(e -> orderIds.add(e.event().orderId()));
        return audit.highestSequences(session, orderIds)
                .map(highest -> ArrivalOrder.mark(highest, newEvents))
                .chain(entries -> audit.record(session, entries));
    }
}
