package io.orderplatform.audit;

import static io.orderplatform.testsupport.ServiceMetrics.value;
import static io.orderplatform.audit.AuditTestSupport.entries;
import static io.orderplatform.audit.AuditTestSupport.keysOf;
import static io.orderplatform.audit.AuditTestSupport.otherGroupReads;
import static io.orderplatform.audit.AuditTestSupport.trail;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.localstack.LocalMariaDb;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;
import io.orderplatform.testsupport.TestInfrastructure;
import io.orderplatform.testsupport.Tokens;
import io.orderplatform.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A database outage in the middle of a stream: this consumer retries through it, losing nothing, recording
 * nothing twice and dead-lettering nothing; and another consumer group gets every event during the outage.
 */
@QuarkusTest
class DatabaseOutageTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the audit trail. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("audit-tests", Roles.AUDIT_READ, Roles.OPERATOR);
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Well inside the ~22 s the shortest retry schedule lasts (order-events.retry.*, jitter included). */
    private static final Duration DURING_OUTAGE = Duration.ofSeconds(10);
    private static final int ORDERS = 20;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @AfterEach
    void databaseBackUp() {
        TestInfrastructure.get().mariaDb().filter(db -> !db.isRunning()).ifPresent(LocalMariaDb::start);
    }

    @Test
    void anOutageMidStreamLosesNothingDoublesNothingDeadLettersNothingAndDoesNotHoldUpAnotherGroup() {
        LocalMariaDb database = TestInfrastructure.get().mariaDb()
                .orElseThrow(() -> new TestAbortedException("needs the local database"));
        List<OrderHistory> orders = new ArrayList<>();
        List<OrderEvent> before = new ArrayList<>();
        List<OrderEvent> during = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            OrderHistory order = order("c" + i, line("outage", 1, "2.00"));
            orders.add(order);
            (i < ORDERS / 2 ? before : during).addAll(List.of(order.created(), order.paid()));
        }
        produce(before);
        await().atMost(TIMEOUT).until(() -> orders.subList(0, ORDERS / 2).stream()
                .allMatch(o -> entries(o.orderId()) == 2));
        double retriesBefore = value("order_events_retries_total");
        ConsumerTask<String, byte[]> otherGroup = otherGroupReads(companion, "other-group-" + UUID.randomUUID(),
                keysOf(during), during.size());

        database.stop();
        try {
            produce(during);
            // This consumer has met the outage once it retried...
            await().atMost(DURING_OUTAGE).until(() -> value("order_events_retries_total") > retriesBefore);
            // ...and meanwhile another group, which shares nothing but the topic, reads every event.
            List<ConsumerRecord<String, byte[]>> read = otherGroup.awaitCompletion(DURING_OUTAGE).getRecords();
            assertThat(read).hasSize(during.size());
            assertThat(database.isRunning()).isFalse();
        } finally {
            database.start();
        }

        await().atMost(TIMEOUT).until(() -> orders.stream().allMatch(o -> entries(o.orderId()) == 2));
        for (int i = 0; i < ORDERS; i++) {
            OrderHistory order = orders.get(i);
            List<OrderEvent> events = (i < ORDERS / 2 ? before : during).subList(i % (ORDERS / 2) * 2,
                    i % (ORDERS / 2) * 2 + 2);
            assertThat(trail(order.orderId()).getList("entries.eventId", String.class))
                    .containsExactly(events.get(0).eventId().toString(), events.get(1).eventId().toString());
        }
        Set<String> keys = keysOf(during);
        assertThat(TopicReader.readAllNow(companion, Topics.AUDIT_DLQ, r -> keys.contains(r.key()))).isEmpty();
    }

    /** Produces the events as order-service does: keyed by order, so spread over the partitions. */
    private void produce(List<OrderEvent> events) {
        List<ProducerRecord<String, String>> records = events.stream().map(OrderEventFixtures::record).toList();
        companion.produceStrings().fromRecords(records).awaitCompletion(TIMEOUT);
    }
}
