package io.orderplatform.order.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The order a client's {@code Idempotency-Key} created, with the fingerprint of the request that created it. */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyKey {

    public static final int MAX_LENGTH = 128;

    @Id
    @Column(name = "idem_key", length = MAX_LENGTH, nullable = false)
    private String key;

    @Column(name = "request_hash", length = 64, nullable = false)
    private String requestHash;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "order_id", length = 36, nullable = false)
    private UUID orderId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IdempotencyKey() {
        // for Hibernate
    }

    public IdempotencyKey(String key, String requestHash, UUID orderId, Instant createdAt) {
        this.key = key;
        this.requestHash = requestHash;
        this.orderId = orderId;
        this.createdAt = createdAt;
    }

    public String key() {
        return key;
    }

    public String requestHash() {
        return requestHash;
    }

    public UUID orderId() {
        return orderId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
