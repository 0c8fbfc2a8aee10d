package io.orderplatform.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of order event, spelled on the wire as the contract's {@code eventType} values. */
public enum EventType {
    ORDER_CREATED("OrderCreated"),
    ORDER_PAID("OrderPaid"),
    ORDER_CANCELLED("OrderCancelled");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static EventType fromWireName(String wireName) {
        for (EventType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown event type: " + wireName);
    }
}
