package io.orderplatform.order.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.orderplatform.contract.OrderStatus;

/**
 * An order: its lines, status and the sequence number of its last event. Status changes go only through
 * {@link #apply(OrderAction, Instant)}, which asks the state machine ({@link OrderTransition}).
 */
@Entity
@Table(name = "orders")
public class Order {

    @Id
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "id", length = 36, nullable = false)
    private UUID id;

    @Column(name = "customer_id", nullable = false, length = 64)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private OrderStatus status;

    // Lazy: loaded explicitly (fetch join or Mutiny.fetch) where needed; Hibernate Reactive never loads lazily behind our back.
    @ElementCollection
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLineItem> lines = new ArrayList<>();

    @Column(name = "total_amount", nullable = false, precision = 16, scale = 2)
    private BigDecimal totalAmount;

    @Column(name = "refunded", nullable = false)
    private boolean refunded;

    @Column(name = "last_sequence", nullable = false)
    private long lastSequence;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Order() {
        // for Hibernate
    }

    /** A new order in status CREATED; its OrderCreated event has sequence 1. */
    public static Order place(UUID id, String customerId, List<OrderLineItem> lines, Instant now) {
        Order order = new Order();
        order.id = id;
        order.customerId = customerId;
        order.status = OrderStatus.CREATED;
        order.lines = new ArrayList<>(lines);
        order.totalAmount = lines.stream().map(OrderLineItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.UNNECESSARY);
        order.refunded = false;
        order.lastSequence = 1;
        order.createdAt = now;
        order.updatedAt = now;
        return order;
    }

    /**
     * Applies an action: moves to the next status and takes the next event sequence number. The caller holds the
     * row lock, so two concurrent actions cannot both see the same status or take the same sequence.
     *
     * @throws ForbiddenTransitionException when the current status does not allow the action
     */
    public OrderTransition apply(OrderAction action, Instant now) {
        OrderTransition transition = OrderTransition.of(status, action);
        status = transition.to();
        if (transition.refunds()) {
            refunded = true;
        }
        lastSequence++;
        updatedAt = now;
        return transition;
    }

    public UUID id() {
        return id;
    }

    public String customerId() {
        return customerId;
    }

    public OrderStatus status() {
        return status;
    }

    public List<OrderLineItem> lines() {
        return lines;
    }

    public BigDecimal totalAmount() {
        return totalAmount;
    }

    public boolean refunded() {
        return refunded;
    }

    public long lastSequence() {
        return lastSequence;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
