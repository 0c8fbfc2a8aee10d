package io.orderplatform.audit.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.orderplatform.audit.service.AuditTrailEffect;
import io.orderplatform.consumer.ReliableBatchProcessor;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Consumes this group's redrive topic (dead letters an operator sent back, POST /admin/dead-letters/redrive) through
 * the same path and effect as order-events, as consumer group {@code audit-consumer-redrive}.
 */
@ApplicationScoped
public class RedrivenOrderEventsConsumer {

    private final ReliableBatchProcessor processor;
    private final AuditTrailEffect auditTrail;

    public RedrivenOrderEventsConsumer(ReliableBatchProcessor processor, AuditTrailEffect auditTrail) {
        this.processor = processor;
        this.auditTrail = auditTrail;
    }

    @Incoming("order-events-redrive")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return processor.process(batch, auditTrail);
    }
}
