package io.orderplatform.contract;

/** Names of the topics defined in {@code kafka/topics.json}; see {@link TopicDefinitions}. */
public final class Topics {

    public static final String ORDER_EVENTS = "order-events";
    public static final String METRICS_DLQ = "order-events-metrics-dlq";
    public static final String AUDIT_DLQ = "order-events-audit-dlq";

    private Topics() {
    }
}
