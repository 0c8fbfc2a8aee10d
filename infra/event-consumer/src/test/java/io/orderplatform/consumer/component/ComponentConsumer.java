package io.orderplatform.consumer.component;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.orderplatform.consumer.EventValue;
import io.orderplatform.consumer.ReliableBatchProcessor;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** The thin adapter a consumer service writes (order-events and its redrive topic), here for the component tests. */
@ApplicationScoped
public class ComponentConsumer {

    private final ReliableBatchProcessor processor;
    private final RecordingEffect effect;

    public ComponentConsumer(ReliableBatchProcessor processor, RecordingEffect effect) {
        this.processor = processor;
        this.effect = effect;
    }

    @Incoming("order-events")
    public Uni<Void> consume(KafkaRecordBatch<String, EventValue> batch) {
        return processor.process(batch, effect);
    }

    /** The redrive topic: the same path and effect as order-events. */
    @Incoming("order-events-redrive")
    public Uni<Void> consumeRedriven(KafkaRecordBatch<String, EventValue> batch) {
        return processor.process(batch, effect);
    }
}
