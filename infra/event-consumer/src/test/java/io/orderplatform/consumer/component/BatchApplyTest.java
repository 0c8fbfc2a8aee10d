package io.orderplatform.consumer.component;

import static io.orderplatform.consumer.component.ComponentFixtures.TIMEOUT;
import static io.orderplatform.consumer.component.ComponentFixtures.applied;
import static io.orderplatform.consumer.component.ComponentFixtures.createdAndPaid;
import static io.orderplatform.consumer.component.ComponentFixtures.eventIds;
import static io.orderplatform.consumer.component.ComponentFixtures.produce;
import static io.orderplatform.testsupport.ServiceMetrics.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.orderplatform.contract.OrderEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Valid events are applied once each, in batches; delivered again, they change nothing. */
@QuarkusTest
class BatchApplyTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void everyEventIsAppliedOnce() {
        List<OrderEvent> events = createdAndPaid(300);

        produce(companion, events);

        await().atMost(TIMEOUT).until(() -> applied(eventIds(events)) == events.size());
    }

    @Test
    void eventsDeliveredAgainAreSkippedAsDuplicates() {
        List<OrderEvent> events = createdAndPaid(100);
        produce(companion, events);
        await().atMost(TIMEOUT).until(() -> applied(eventIds(events)) == events.size());
        double duplicatesBefore = value("order_events_duplicates_total");

        produce(companion, events); // the same events, as a producer retry or a replay would deliver them

        await().atMost(TIMEOUT)
                .until(() -> value("order_events_duplicates_total") - duplicatesBefore >= events.size());
        assertThat(applied(eventIds(events))).isEqualTo(events.size());
    }

    @Test
    void aBatchMixingNewEventsAndEventsAppliedBeforeAppliesTheNewOnes() {
        List<OrderEvent> before = createdAndPaid(50);
        produce(companion, before, 0);
        await().atMost(TIMEOUT).until(() -> applied(eventIds(before)) == before.size());
        double duplicatesBefore = value("order_events_duplicates_total");
        double appliedBefore = value("order_events_applied_total");
        List<OrderEvent> fresh = createdAndPaid(50);
        List<OrderEvent> mixed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) { // interleaved, on one partition: applied-before events in every batch
            mixed.add(before.get(i));
            mixed.add(fresh.get(i));
        }

        produce(companion, mixed, 0);

        await().atMost(TIMEOUT).until(() -> applied(eventIds(fresh)) == fresh.size());
        await().atMost(TIMEOUT)
                .until(() -> value("order_events_duplicates_total") - duplicatesBefore >= before.size());
        assertThat(value("order_events_applied_total") - appliedBefore).isEqualTo(fresh.size());
        assertThat(applied(eventIds(before))).isEqualTo(before.size());
    }
}
