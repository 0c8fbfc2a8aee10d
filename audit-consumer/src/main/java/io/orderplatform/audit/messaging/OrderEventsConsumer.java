package io.orderplatform.audit.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.orderplatform.audit.service.AuditTrailEffect;
import io.orderplatform.consumer.EventValue;
import io.orderplatform.consumer.ReliableBatchProcessor;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Consumes the order-events topic in batches, as consumer group {@code audit-consumer}. */
@ApplicationScoped
public class OrderEventsConsumer {

    private final ReliableBatchProcessor processor;
    private final AuditTrailEffect auditTrail;

    public OrderEventsConsumer(ReliableBatchProcessor processor, AuditTrailEffect auditTrail) {
        this.processor = processor;
        this.auditTrail = auditTrail;
    }

    /** Acks or nacks every record itself: see {@link ReliableBatchProcessor}. */
    @Incoming("order-events")
    public Uni<Void> consume(KafkaRecordBatch<String, EventValue> batch) {
        return processor.process(batch, auditTrail);
    }

    /**
     * Dead letters an operator sent back (POST /admin/dead-letters/redrive), from this group's redrive topic as
     * consumer group {@code audit-consumer-redrive}: the same path and effect as order-events.
     */
    @Incoming("order-events-redrive")
    public Uni<Void> consumeRedriven(KafkaRecordBatch<String, EventValue> batch) {
        return processor.process(batch, auditTrail);
    }
}
