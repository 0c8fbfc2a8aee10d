package io.orderplatform.consumer;

import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.InvalidEventException;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.orderplatform.testsupport.PoisonRecords;
import io.orderplatform.testsupport.PoisonRecords.Poison;

/**
 * Values are read and checked on the poll thread, and that never throws: a poison value must reach the shared path
 * (and from there its dead-letter topic) byte for byte, with its reason.
 */
class EventValueTest {

    private final EventValueDeserializer deserializer = new EventValueDeserializer();
    private final EventValueSerializer serializer = new EventValueSerializer();
    private final OrderEvent valid = order("c1", line("p1", 2, "9.99")).created();

    @Test
    void aValidValueCarriesItsEventAndItsText() {
        ProducerRecord<String, String> record = OrderEventFixtures.record(valid);
        byte[] bytes = record.value().getBytes(StandardCharsets.UTF_8);

        EventValue value = deserializer.deserialize(record.topic(), bytes);

        assertThat(value.event()).isEqualTo(valid);
        assertThat(value.json()).isEqualTo(record.value());
        assertThat(serializer.serialize("dlq", value)).isSameAs(bytes);
    }

    @Test
    void everyContractViolationIsKeptNotThrownAndItsBytesSurvive() {
        for (Poison poison : PoisonRecords.everyKind(valid)) {
            if (poison.reasonKind().equals(InvalidEventException.Kind.RECORD_MISMATCH.name())) {
                continue; // the key and headers are checked with the record: the next test
            }
            EventValue value = deserializer.deserialize("order-events", poison.value());

            assertThatThrownBy(value::event).as(poison.name()).isInstanceOfSatisfying(InvalidEventException.class,
                    invalid -> assertThat(invalid.kind().name()).isEqualTo(poison.reasonKind()));
            assertThat(serializer.serialize("dlq", value)).as(poison.name()).isEqualTo(poison.value());
        }
    }

    @Test
    void aKeyThatIsNotTheOrderIdBreaksTheContract() {
        ProducerRecord<String, String> record = OrderEventFixtures.record(valid);
        EventValue value = EventValue.read(record.value().getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> EventRecordReader.read("another-key", value, record.headers(), record.topic(), 0, 0,
                Instant.now())).isInstanceOfSatisfying(InvalidEventException.class,
                        invalid -> assertThat(invalid.kind()).isEqualTo(InvalidEventException.Kind.RECORD_MISMATCH));
    }

    @Test
    void aRecordWithoutAValueIsMalformedAndStaysWithoutOne() {
        EventValue value = EventValue.read(null);

        assertThatThrownBy(value::event).isInstanceOfSatisfying(InvalidEventException.class,
                invalid -> assertThat(invalid.kind()).isEqualTo(InvalidEventException.Kind.MALFORMED_JSON));
        assertThat(serializer.serialize("dlq", value)).isNull();
        assertThat(serializer.serialize("dlq", null)).isNull();
    }
}
