package io.orderplatform.order.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.orderplatform.order.domain.IdempotencyKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Idempotency keys of POST /orders; the primary key (subject, key) makes a client's first request with a key win. */
@ApplicationScoped
public class IdempotencyKeyRepository implements PanacheRepositoryBase<IdempotencyKey, IdempotencyKey.Id> {
}
