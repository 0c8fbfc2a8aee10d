package io.orderplatform.order.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.order.tracing.RequestTraceContext;

/**
 * A row of the transactional outbox: one order event, written in the transaction of its state change and
 * published to Kafka by the relay, which sets {@code sentAt} only after the broker acknowledged it.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /** Longest {@code last_error} the column holds. */
    public static final int MAX_ERROR_LENGTH = 1000;

    // The auto-increment id is the publication order: the relay sends rows ORDER BY id.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "event_id", length = 36, nullable = false, unique = true)
    private UUID eventId;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "order_id", length = 36, nullable = false)
    private UUID orderId;

    /** The contract's wire name, e.g. {@code OrderCreated}. */
    @Column(name = "event_type", nullable = false, length = 32)
    private String eventType;

    @Column(name = "sequence", nullable = false)
    private long sequence;

    @Column(name = "payload", nullable = false, columnDefinition = "LONGTEXT")
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "last_error", length = MAX_ERROR_LENGTH)
    private String lastError;

    /** When the relay may try again after a failed attempt; null (never failed) means due now. */
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    /** The W3C trace context of the request that wrote the event; null when it was not traced. */
    @Column(name = "traceparent", length = 55)
    private String traceparent;

    @Column(name = "tracestate", length = 512)
    private String tracestate;

    protected OutboxEvent() {
        // for Hibernate
    }

    /**
     * The outbox row of an event; its payload is the envelope exactly as it goes on the wire.
     *
     * @param trace the context of the request that made the event, captured on that request
     */
    public static OutboxEvent of(OrderEvent event, RequestTraceContext trace) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.eventId();
        row.orderId = event.orderId();
        row.eventType = event.eventType().wireName();
        row.sequence = event.sequence();
        row.payload = EventContract.toJson(event);
        row.createdAt = event.occurredAt();
        row.traceparent = trace.traceparent();
        row.tracestate = trace.tracestate();
        return row;
    }

    public Long id() {
        return id;
    }

    public UUID eventId() {
        return eventId;
    }

    public UUID orderId() {
        return orderId;
    }

    public String eventType() {
        return eventType;
    }

    public long sequence() {
        return sequence;
    }

    public String payload() {
        return payload;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public RequestTraceContext traceContext() {
        return traceparent == null ? RequestTraceContext.NONE : new RequestTraceContext(traceparent, tracestate);
    }
}
