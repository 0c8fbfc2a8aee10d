package io.orderplatform.consumer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.InvalidEventException;
import io.orderplatform.contract.OrderEvent;

/**
 * An order-events record's value as the Kafka consumer's poll thread read it ({@link EventValueDeserializer}): the
 * bytes exactly as produced (what a dead letter carries), and either the contract-valid event they hold or why they
 * hold none. Reading and checking an event against the contract is a fifth of a consumer's work per event; in the
 * deserializer it runs on the poll thread while the event loop applies the batch before.
 */
public final class EventValue {

    private final byte[] bytes;
    private final String json;
    private final OrderEvent event;
    private final RuntimeException failure;

    private EventValue(byte[] bytes, String json, OrderEvent event, RuntimeException failure) {
        this.bytes = bytes;
        this.json = json;
        this.event = event;
        this.failure = failure;
    }

    /**
     * Reads and checks a record value; never throws. Besides a contract violation, any other failure is kept too
     * and thrown where the event is asked for: a deserializer that threw would stop the channel.
     */
    public static EventValue read(byte[] bytes) {
        String json = null;
        try {
            json = decodeUtf8(bytes);
            return new EventValue(bytes, json, EventContract.parse(json), null);
        } catch (RuntimeException failure) {
            return new EventValue(bytes, json, null, failure);
        }
    }

    /**
     * The contract-valid event.
     *
     * @throws InvalidEventException when the value breaks the contract: a permanent failure, for the DLQ
     */
    public OrderEvent event() {
        if (failure != null) {
            throw failure;
        }
        return event;
    }

    /** The value as UTF-8 text, as received (null when it is not UTF-8). */
    public String json() {
        return json;
    }

    /** The value's bytes exactly as produced (null for a record without a value). */
    public byte[] bytes() {
        return bytes;
    }

    private static String decodeUtf8(byte[] value) {
        if (value == null) {
            throw new InvalidEventException(InvalidEventException.Kind.MALFORMED_JSON,
                    List.of("the record has no value (null or tombstone)"), null);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException(InvalidEventException.Kind.MALFORMED_JSON,
                    List.of("the value is not UTF-8 text"), e);
        }
    }
}
