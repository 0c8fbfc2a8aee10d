package io.orderplatform.order.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderplatform.order.domain.IdempotencyKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Idempotency keys of POST /orders; the primary key makes the first request with a key the only winner. */
@ApplicationScoped
public class IdempotencyKeyRepository implements PanacheRepositoryBase<IdempotencyKey, String> {
}
