package io.orderplatform.order.service;

/** No order has the requested id (HTTP 404). */
public class OrderNotFoundException extends RuntimeException {

    private final String orderId;

    public OrderNotFoundException(String orderId) {
        super("No order has id " + orderId);
        this.orderId = orderId;
    }

    public String orderId() {
        return orderId;
    }
}
