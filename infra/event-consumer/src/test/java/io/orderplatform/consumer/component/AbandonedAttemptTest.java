package io.orderplatform.consumer.component;

import static io.orderplatform.consumer.component.ComponentFixtures.TIMEOUT;
import static io.orderplatform.consumer.component.ComponentFixtures.applied;
import static io.orderplatform.consumer.component.ComponentFixtures.createdAndPaid;
import static io.orderplatform.consumer.component.ComponentFixtures.eventIds;
import static io.orderplatform.consumer.component.ComponentFixtures.produce;
import static io.orderplatform.consumer.component.ComponentFixtures.readinessStatus;
import static io.orderplatform.testsupport.ServiceMetrics.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.orderplatform.contract.OrderEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * An apply attempt given up with its transaction still open (its connection ended by the server, no answer ever
 * coming: the database killed mid-statement) leaves nothing behind: the retry runs in a session of its own and the
 * batch is applied, instead of the retry reusing the dead session and the consumer staying paused until restarted
 * (found in an operator trial: kill -9 of MariaDB under load, metrics-consumer paused for good).
 */
@QuarkusTest
class AbandonedAttemptTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    RecordingEffect effect;

    @Test
    void theRetryOfAnAttemptAbandonedWithItsConnectionGoneIsApplied() {
        List<OrderEvent> events = createdAndPaid(10);
        int abandonedBefore = effect.abandonedAttempts();
        effect.abandonNextAttempt();

        // Partition 0 only: one batch, so the abandoned attempt is this batch's first.
        produce(companion, events, 0);

        await().atMost(TIMEOUT).until(() -> effect.abandonedAttempts() == abandonedBefore + 1);
        // Given up after the attempt timeout (30 s), then retried on a context and session of its own.
        await().atMost(TIMEOUT).until(() -> applied(eventIds(events)) == events.size());
        await().atMost(TIMEOUT).until(() -> readinessStatus() == 200);
        assertThat(value("order_events_consumer_paused")).isZero();
    }
}
