package io.orderplatform.order.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The order a client's {@code Idempotency-Key} created, with the fingerprint of the request that created it. A key
 * belongs to the client that sent it (its token's subject): the same key from another client is another key.
 */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyKey {

    public static final int MAX_LENGTH = 128;
    /** The longest subject a key can be stored for (V3__idempotency_key_per_subject.sql). */
    public static final int MAX_SUBJECT_LENGTH = 255;

    /** A client's key: its subject and the key it sent. */
    @Embeddable
    public static class Id implements Serializable {

        @Column(name = "subject", length = MAX_SUBJECT_LENGTH, nullable = false)
        private String subject;

        @Column(name = "idem_key", length = MAX_LENGTH, nullable = false)
        private String key;

        protected Id() {
            // for Hibernate
        }

        public Id(String subject, String key) {
            this.subject = Objects.requireNonNull(subject, "subject");
            this.key = Objects.requireNonNull(key, "key");
        }

        public String subject() {
            return subject;
        }

        public String key() {
            return key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Id id && subject.equals(id.subject) && key.equals(id.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subject, key);
        }

        @Override
        public String toString() {
            return subject + "/" + key;
        }
    }

    @EmbeddedId
    private Id id;

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

    public IdempotencyKey(Id id, String requestHash, UUID orderId, Instant createdAt) {
        this.id = id;
        this.requestHash = requestHash;
        this.orderId = orderId;
        this.createdAt = createdAt;
    }

    public Id id() {
        return id;
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
