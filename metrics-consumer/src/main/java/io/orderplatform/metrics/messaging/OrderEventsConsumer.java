package io.orderplatform.metrics.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.orderplatform.consumer.EventValue;
import io.orderplatform.consumer.ReliableBatchProcessor;
import io.orderplatform.metrics.service.SalesMetricsEffect;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Consumes the order-events topic in batches, as consumer group {@code metrics-consumer}. */
@ApplicationScoped
public class OrderEventsConsumer {

    private final ReliableBatchProcessor processor;
    private final SalesMetricsEffect salesMetrics;

    public OrderEventsConsumer(ReliableBatchProcessor processor, SalesMetricsEffect salesMetrics) {
        this.processor = processor;
        this.salesMetrics = salesMetrics;
    }

    /** Acks or nacks every record itself: see {@link ReliableBatchProcessor}. */
    @Incoming("order-events")
    public Uni<Void> consume(KafkaRecordBatch<String, EventValue> batch) {
        return processor.process(batch, salesMetrics);
    }

    /**
     * Dead letters an operator sent back (POST /admin/dead-letters/redrive), from this group's redrive topic as
     * consumer group {@code metrics-consumer-redrive}: the same path and effect as order-events.
     */
    @Incoming("order-events-redrive")
    public Uni<Void> consumeRedriven(KafkaRecordBatch<String, EventValue> batch) {
        return processor.process(batch, salesMetrics);
    }
}
