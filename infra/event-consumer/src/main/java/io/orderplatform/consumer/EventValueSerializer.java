package io.orderplatform.consumer;

import org.apache.kafka.common.serialization.Serializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The dead-letter producer's value serializer for {@link EventValue}s: the bytes exactly as they were produced.
 * SmallRye names it after the channel's deserializer ({@code EventValueDeserializer}, "Deserializer" replaced by
 * "Serializer") when {@code dead-letter-queue.value.serializer} is not read.
 */
@RegisterForReflection // Kafka creates it from its class name, in a native image too
public class EventValueSerializer implements Serializer<EventValue> {

    @Override
    public byte[] serialize(String topic, EventValue value) {
        return value == null ? null : value.bytes();
    }
}
