package io.orderplatform.contract;

/** Names of the topics defined in {@code kafka/topics.json}; see {@link TopicDefinitions}. */
public final class Topics {

    public static final String ORDER_EVENTS = "order-events";
    public static final String METRICS_DLQ = "order-events-metrics-dlq";
    public static final String AUDIT_DLQ = "order-events-audit-dlq";
    /** metrics-consumer's dead letters sent back by an operator, read by that group only. */
    public static final String METRICS_REDRIVE = "order-events-metrics-redrive";
    /** audit-consumer's dead letters sent back by an operator, read by that group only. */
    public static final String AUDIT_REDRIVE = "order-events-audit-redrive";

    private Topics() {
    }
}
