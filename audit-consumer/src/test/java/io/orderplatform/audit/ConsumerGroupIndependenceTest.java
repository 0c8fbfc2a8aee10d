package io.orderplatform.audit;

import static io.orderplatform.audit.AuditTestSupport.TIMEOUT;
import static io.orderplatform.audit.AuditTestSupport.anyPartition;
import static io.orderplatform.audit.AuditTestSupport.entries;
import static io.orderplatform.audit.AuditTestSupport.keysOf;
import static io.orderplatform.audit.AuditTestSupport.otherGroupReads;
import static io.orderplatform.audit.AuditTestSupport.produce;
import static io.orderplatform.audit.AuditTestSupport.recorded;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;
import io.orderplatform.testsupport.Tokens;
import io.orderplatform.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * This consumer group ({@code audit-consumer}) gets every event whatever another group does, and what it does
 * with a record (dead-lettering it, committing past it) is its own. The other group here is a Kafka Companion
 * consumer in a group of its own that never commits; metrics-consumer itself does not run in this JVM.
 */
@QuarkusTest
class ConsumerGroupIndependenceTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the audit trail. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("audit-tests", Roles.AUDIT_READ, Roles.OPERATOR);
    }

    private static final String GROUP = "audit-consumer";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void thisGroupRecordsAndCommitsEveryEventWhileAnotherGroupReadsTheSameRecordsAndCommitsNothing() {
        List<OrderHistory> orders = new ArrayList<>();
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            OrderHistory order = order("c" + i, line("shared", 1, "1.00"));
            orders.add(order);
            events.addAll(List.of(order.created(), order.paid()));
        }
        int partition = anyPartition();
        String otherGroup = "other-group-" + UUID.randomUUID();
        ConsumerTask<String, byte[]> other = otherGroupReads(companion, otherGroup, keysOf(events), events.size());

        List<RecordMetadata> written = produce(companion, partition, events.toArray(OrderEvent[]::new));

        await().atMost(TIMEOUT).until(() -> orders.stream().allMatch(o -> entries(o.orderId()) == 2));
        assertThat(other.awaitCompletion(TIMEOUT).getRecords()).hasSize(events.size());
        long last = written.get(written.size() - 1).offset();
        await().atMost(TIMEOUT).until(() -> committed(GROUP, partition) > last);
        // The other group read the same records but committed nothing: its lag is this group's no concern.
        assertThat(companion.consumerGroups().offsets(otherGroup).values()).allMatch(Objects::isNull);
    }

    @Test
    void aRecordThisGroupDeadLettersLandsOnlyInItsOwnDeadLetterTopicAndStaysOnTheTopicForOtherGroups() {
        int partition = anyPartition();
        String poisonKey = UUID.randomUUID().toString();
        byte[] poison = "{\"not\": \"an event\"}".getBytes(StandardCharsets.UTF_8);
        OrderEvent after = order("c1", line("after", 1, "1.00")).created();
        ConsumerTask<String, byte[]> other = otherGroupReads(companion, "other-group-" + UUID.randomUUID(),
                Set.of(poisonKey, after.orderId().toString()), 2);

        RecordMetadata poisonWritten = companion.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>(Topics.ORDER_EVENTS, partition, poisonKey, poison))
                .awaitCompletion(TIMEOUT).getRecords().get(0);
        produce(companion, partition, after);

        ConsumerRecord<String, byte[]> deadLetter = TopicReader.awaitKeys(companion, Topics.AUDIT_DLQ,
                List.of(poisonKey), 1, TIMEOUT).get(0);
        assertThat(deadLetter.value()).isEqualTo(poison);
        await().atMost(TIMEOUT).until(() -> recorded(after.eventId()));
        await().atMost(TIMEOUT).until(() -> committed(GROUP, partition) > poisonWritten.offset());
        // The other group still gets the record this group dead-lettered, as it was, in its place.
        List<ConsumerRecord<String, byte[]>> seenByOther = other.awaitCompletion(TIMEOUT).getRecords();
        assertThat(seenByOther).extracting(ConsumerRecord::key).containsExactly(poisonKey, after.orderId().toString());
        assertThat(seenByOther.get(0).value()).isEqualTo(poison);
        // This group's dead letter is in its own topic only, never in metrics-consumer's.
        assertThat(TopicReader.readAllNow(companion, Topics.METRICS_DLQ, r -> poisonKey.equals(r.key()))).isEmpty();
    }

    /** The group's committed offset on the partition of order-events (-1 if none). */
    private long committed(String group, int partition) {
        Map<TopicPartition, OffsetAndMetadata> offsets = companion.consumerGroups().offsets(group,
                List.of(new TopicPartition(Topics.ORDER_EVENTS, partition)));
        OffsetAndMetadata offset = offsets.get(new TopicPartition(Topics.ORDER_EVENTS, partition));
        return offset == null ? -1 : offset.offset();
    }
}
