package io.orderplatform.order.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderplatform.order.domain.OutboxEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The transactional outbox: appended to by state changes, drained by the relay. */
@ApplicationScoped
public class OutboxEventRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /** Appends an event; it becomes visible to the relay when the caller's transaction commits. */
    public Uni<OutboxEvent> append(OutboxEvent event) {
        return persist(event);
    }

    /** The oldest unsent rows, in publication (id) order. */
    public Uni<List<OutboxEvent>> findUnsent(int limit) {
        return find("sentAt is null", Sort.by("id")).page(0, limit).list();
    }

    public Uni<Integer> markSent(Collection<Long> ids, Instant sentAt) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return update("sentAt = ?1 where id in ?2", sentAt, ids);
    }

    public Uni<Integer> recordFailure(Collection<Long> ids, String error) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String truncated = error.length() > OutboxEvent.MAX_ERROR_LENGTH
                ? error.substring(0, OutboxEvent.MAX_ERROR_LENGTH)
                : error;
        return update("attempts = attempts + 1, lastError = ?1 where id in ?2", truncated, ids);
    }

    /** How many rows are unsent and since when the oldest of them waits. */
    public Uni<Backlog> backlog() {
        return getSession().flatMap(session -> session
                .createSelectionQuery("select count(e), min(e.createdAt) from OutboxEvent e where e.sentAt is null",
                        Object[].class)
                .getSingleResult())
                .map(row -> new Backlog(((Number) row[0]).longValue(), (Instant) row[1]));
    }

    /** The events of some orders, in publication order. */
    public Uni<List<OutboxEvent>> findByOrders(Collection<UUID> orderIds) {
        return list("orderId in ?1", Sort.by("id"), orderIds);
    }

    /** Unsent rows and the creation time of the oldest (null when there is none). */
    public record Backlog(long unsent, Instant oldestCreatedAt) {
    }
}
