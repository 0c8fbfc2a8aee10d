package io.orderplatform.contract;

/** Kafka record headers that repeat envelope fields, so tools can route or filter without parsing the value. */
public final class EventHeaders {

    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";

    private EventHeaders() {
    }
}
