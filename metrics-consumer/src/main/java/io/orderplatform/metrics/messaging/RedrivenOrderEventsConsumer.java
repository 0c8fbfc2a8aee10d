package io.orderplatform.metrics.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.orderplatform.consumer.ReliableBatchProcessor;
import io.orderplatform.metrics.service.SalesMetricsEffect;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Consumes this group's redrive topic (dead letters an operator sent back, POST /admin/dead-letters/redrive) through
 * the same path and effect as order-events, as consumer group {@code metrics-consumer-redrive}.
 */
@ApplicationScoped
public class RedrivenOrderEventsConsumer {

    private final ReliableBatchProcessor processor;
    private final SalesMetricsEffect salesMetrics;

    public RedrivenOrderEventsConsumer(ReliableBatchProcessor processor, SalesMetricsEffect salesMetrics) {
        this.processor = processor;
        this.salesMetrics = salesMetrics;
    }

    @Incoming("order-events-redrive")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return processor.process(batch, salesMetrics);
    }
}
