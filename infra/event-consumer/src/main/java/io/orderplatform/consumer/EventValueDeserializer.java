package io.orderplatform.consumer;

import org.apache.kafka.common.serialization.Deserializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The value deserializer of every order-events channel (and its redrive topic): reads and checks each event on the
 * Kafka consumer's poll thread, beside the event loop. Never throws: a value that breaks the contract arrives as an
 * {@link EventValue} that says why, and goes to the dead-letter topic as it was produced.
 */
@RegisterForReflection // Kafka creates it from its class name, in a native image too
public class EventValueDeserializer implements Deserializer<EventValue> {

    @Override
    public EventValue deserialize(String topic, byte[] data) {
        return EventValue.read(data);
    }
}
