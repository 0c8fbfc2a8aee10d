package io.orderplatform.contract;

/** Status of an order as carried in every event's payload. */
public enum OrderStatus {
    CREATED,
    PAID,
    CANCELLED
}
