package io.orderplatform.consumer.component;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The component tests' effect of an event: one row per applied event, so "applied twice" cannot hide. */
@Entity
@Table(name = "applied_event")
public class AppliedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "order_id")
    public String orderId;

    @Column(name = "customer_id")
    public String customerId;
}
