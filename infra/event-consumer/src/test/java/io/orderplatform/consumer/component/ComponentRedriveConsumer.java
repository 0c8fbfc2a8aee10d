package io.orderplatform.consumer.component;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.orderplatform.consumer.ReliableBatchProcessor;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** The thin adapter a consumer service writes for its redrive topic: the same path and effect as order-events. */
@ApplicationScoped
public class ComponentRedriveConsumer {

    private final ReliableBatchProcessor processor;
    private final RecordingEffect effect;

    public ComponentRedriveConsumer(ReliableBatchProcessor processor, RecordingEffect effect) {
        this.processor = processor;
        this.effect = effect;
    }

    @Incoming("order-events-redrive")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return processor.process(batch, effect);
    }
}
