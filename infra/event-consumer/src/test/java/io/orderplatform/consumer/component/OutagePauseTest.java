package io.orderplatform.consumer.component;

import static io.orderplatform.consumer.component.ComponentFixtures.TIMEOUT;
import static io.orderplatform.consumer.component.ComponentFixtures.applied;
import static io.orderplatform.consumer.component.ComponentFixtures.createdAndPaid;
import static io.orderplatform.consumer.component.ComponentFixtures.eventIds;
import static io.orderplatform.consumer.component.ComponentFixtures.livenessStatus;
import static io.orderplatform.consumer.component.ComponentFixtures.produce;
import static io.orderplatform.consumer.component.ComponentFixtures.readiness;
import static io.orderplatform.consumer.component.ComponentFixtures.readinessStatus;
import static io.orderplatform.consumer.component.ComponentFixtures.refusedByTheDatabase;
import static io.orderplatform.testsupport.ServiceMetrics.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.orderplatform.contract.OrderEvent;
import io.orderplatform.testsupport.DatabaseOutageDrill;
import io.orderplatform.testsupport.DatabaseOutageDrill.Fault;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.orderplatform.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A database that is away pauses consumption: the records stay in hand, nothing is dead-lettered or committed
 * past, the process stays live and reports itself not ready; it resumes by itself within seconds of the return.
 */
@QuarkusTest
class OutagePauseTest {

    /** How long the outage is held once the pause is seen: long enough for many retries. */
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    /** From the database's return to every waiting event applied. */
    private static final Duration RESUMED_WITHIN = Duration.ofSeconds(10);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @AfterEach
    void databaseBack() {
        DatabaseOutageDrill.bringBack();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aDatabaseAwayPausesConsumptionWhichResumesByItself(Fault fault) {
        List<OrderEvent> waiting = createdAndPaid(250);

        DatabaseOutageDrill.takeAway(fault);
        produce(companion, waiting);
        assertPausedThroughout();
        DatabaseOutageDrill.bringBack();

        assertResumedAndApplied(waiting);
        assertNoneDeadLettered(waiting);
    }

    @Test
    void duringAnOutageOnlyThePoisonIsDeadLettered() {
        List<OrderEvent> valid = createdAndPaid(500);
        OrderEvent refused = refusedByTheDatabase();
        String contractPoisonKey = "not-an-order-id-" + System.nanoTime();
        List<OrderEvent> withRefused = new ArrayList<>(valid.subList(0, 500));
        withRefused.add(refused);
        withRefused.addAll(valid.subList(500, 1000));

        DatabaseOutageDrill.takeAway(Fault.KILLED);
        produce(companion, withRefused);
        companion.produceStrings().fromRecords(OrderEventFixtures.record(contractPoisonKey, "{\"eventId\":", null))
                .awaitCompletion(TIMEOUT);
        await().atMost(TIMEOUT).until(() -> value("order_events_consumer_paused") == 1);
        DatabaseOutageDrill.bringBack();

        await().atMost(TIMEOUT).until(() -> applied(eventIds(valid)) == valid.size());
        List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.awaitKeys(companion,
                ComponentTestResources.DLQ, List.of(refused.orderId().toString(), contractPoisonKey), 2, TIMEOUT);
        assertThat(deadLetters).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(refused.orderId().toString(), contractPoisonKey);
        assertNoneDeadLettered(valid);
    }

    /** Readiness DOWN naming the cause and since when, liveness UP, paused gauge 1: for the whole outage. */
    private void assertPausedThroughout() {
        await().atMost(TIMEOUT).until(() -> value("order_events_consumer_paused") == 1);
        Map<String, Object> check = consumptionCheck();
        assertThat(check.get("status")).isEqualTo("DOWN");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) check.get("data");
        assertThat((String) data.get("cause")).isNotBlank();
        assertThat(Instant.parse((String) data.get("since"))).isBefore(Instant.now());
        double pausedSecondsBefore = value("order_events_consumer_paused_seconds_total");

        await().during(OUTAGE).atMost(OUTAGE.plusSeconds(10)).until(() -> livenessStatus() == 200
                && readinessStatus() == 503 && value("order_events_consumer_paused") == 1);

        assertThat(value("order_events_consumer_paused_seconds_total") - pausedSecondsBefore)
                .isGreaterThanOrEqualTo(OUTAGE.toSeconds() - 1);
    }

    private static void assertResumedAndApplied(List<OrderEvent> waiting) {
        await().atMost(RESUMED_WITHIN).until(() -> applied(eventIds(waiting)) == waiting.size());
        await().atMost(RESUMED_WITHIN).until(() -> readinessStatus() == 200);
        assertThat(livenessStatus()).isEqualTo(200);
        assertThat(value("order_events_consumer_paused")).isZero();
    }

    private void assertNoneDeadLettered(List<OrderEvent> events) {
        Set<String> keys = Set.copyOf(events.stream().map(e -> e.orderId().toString()).toList());
        assertThat(TopicReader.readAllNow(companion, ComponentTestResources.DLQ, r -> keys.contains(r.key())))
                .isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> consumptionCheck() {
        List<Map<String, Object>> checks = readiness().getList("checks");
        return checks.stream().filter(c -> "order-events consumption".equals(c.get("name"))).findFirst()
                .orElseThrow();
    }
}
