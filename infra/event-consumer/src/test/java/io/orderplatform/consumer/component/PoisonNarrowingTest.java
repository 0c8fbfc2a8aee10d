package io.orderplatform.consumer.component;

import static io.orderplatform.consumer.component.ComponentFixtures.TIMEOUT;
import static io.orderplatform.consumer.component.ComponentFixtures.applied;
import static io.orderplatform.consumer.component.ComponentFixtures.createdAndPaid;
import static io.orderplatform.consumer.component.ComponentFixtures.eventIds;
import static io.orderplatform.consumer.component.ComponentFixtures.produce;
import static io.orderplatform.consumer.component.ComponentFixtures.refusedByTheDatabase;
import static io.orderplatform.testsupport.TopicReader.header;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_CAUSE;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_OFFSET;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_PARTITION;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_REASON;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.orderplatform.consumer.DeadLetterReason;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Topics;
import io.orderplatform.testsupport.PoisonRecords;
import io.orderplatform.testsupport.PoisonRecords.Poison;
import io.orderplatform.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Only a record at fault reaches the dead-letter topic: the rest of its batch is applied. */
@QuarkusTest
class PoisonNarrowingTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void anEventTheDatabaseRefusesOnItsOwnIsDeadLetteredAndTheRestOfItsBatchApplied() {
        List<OrderEvent> valid = createdAndPaid(25);
        OrderEvent refused = refusedByTheDatabase();
        List<OrderEvent> batch = new ArrayList<>(valid.subList(0, 25));
        batch.add(refused);
        batch.addAll(valid.subList(25, 50));

        produce(companion, batch, 2); // one partition, so one batch

        await().atMost(TIMEOUT).until(() -> applied(eventIds(valid)) == valid.size());
        ConsumerRecord<String, byte[]> deadLetter = TopicReader.awaitKeys(companion, ComponentTestResources.DLQ,
                List.of(refused.orderId().toString()), 1, TIMEOUT).get(0);
        assertThat(header(deadLetter, DeadLetterReason.KIND_HEADER)).isEqualTo("DATA_REJECTED");
        assertThat(header(deadLetter, DEAD_LETTER_REASON)).startsWith("DATA_REJECTED: ").contains("customer_id");
        assertThat(header(deadLetter, DEAD_LETTER_TOPIC)).isEqualTo(Topics.ORDER_EVENTS);
        assertThat(header(deadLetter, DEAD_LETTER_PARTITION)).isEqualTo("2");
        assertThat(applied(eventIds(List.of(refused)))).isZero();
        Set<String> keys = Set.copyOf(batch.stream().map(e -> e.orderId().toString()).toList());
        assertThat(TopicReader.readAllNow(companion, ComponentTestResources.DLQ, r -> keys.contains(r.key())))
                .hasSize(1);
    }

    @Test
    void contractViolationsAreDeadLetteredIntactWithASingleLineReasonAndTheirKind() {
        OrderEvent headersOf = createdAndPaid(1).get(0);
        List<Poison> poisons = PoisonRecords.everyKind(headersOf);

        List<RecordMetadata> written = PoisonRecords.produce(companion, poisons, headersOf, 4, Duration.ofSeconds(30));

        PoisonRecords.assertDeadLettered(companion, ComponentTestResources.DLQ, poisons, written, headersOf, TIMEOUT);
        List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.awaitKeys(companion,
                ComponentTestResources.DLQ, poisons.stream().map(Poison::key).toList(), poisons.size(), TIMEOUT);
        for (ConsumerRecord<String, byte[]> deadLetter : deadLetters) {
            String reason = header(deadLetter, DEAD_LETTER_REASON);
            assertThat(reason).doesNotContain("\n").doesNotContain("\r")
                    .startsWith(header(deadLetter, DeadLetterReason.KIND_HEADER) + ": ");
            assertThat(header(deadLetter, DEAD_LETTER_CAUSE)).isNull();
            assertThat(header(deadLetter, DEAD_LETTER_OFFSET)).isNotBlank();
        }
    }
}
