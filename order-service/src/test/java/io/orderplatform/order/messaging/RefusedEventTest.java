package io.orderplatform.order.messaging;

import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.EventHeaders;
import io.orderplatform.contract.Roles;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OrderEventsTopic;
import io.orderplatform.order.support.OutboxAwait;
import io.orderplatform.order.support.OutboxRows;
import io.orderplatform.order.support.OutboxTable;
import io.orderplatform.testsupport.ServiceMetrics;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * An event Kafka refuses (here a record larger than the producer's max.request.size: RecordTooLargeException, which
 * no retry gets past) stays in the outbox, visible, retried with a capped backoff, and holds back only the later
 * events of its own order. Every test removes the rows it made, so the outbox drains for the tests after it.
 */
@QuarkusTest
class RefusedEventTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    OutboxEventRepository outbox;

    private final List<UUID> madeOrders = new ArrayList<>();

    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    @AfterEach
    void removeRowsMade() {
        madeOrders.forEach(OutboxTable::deleteOrder);
    }

    /**
     * A refused event followed by more events of its order than a round reads (batch-size 500): before issue 12 every
     * round read the same 500 head rows and sent none of them, so nothing behind them was ever published.
     */
    @Test
    void aRefusedEventAndTheEventsHeldBackBehindItDoNotStopLaterEvents() {
        UUID refusedOrder = madeOrder();
        OutboxTable.append(refusedOrder, 1, 1, OutboxTable.tooLargePayload(), Duration.ZERO);
        OutboxTable.append(refusedOrder, 2, 599, "{\"heldBack\": true}", Duration.ZERO);

        List<UUID> later = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            later.add(placeOrder(newCustomerId()));
        }

        OutboxAwait.allSent(outbox, later, 100, Duration.ofSeconds(60));
        List<OutboxEvent> refusedOrderRows = OutboxRows.of(outbox, List.of(refusedOrder));
        assertThat(refusedOrderRows).hasSize(600).allSatisfy(row -> assertThat(row.sentAt()).isNull());
        assertThat(refusedOrderRows.get(0).attempts()).isPositive();
        assertThat(refusedOrderRows.subList(1, 600)).as("held back, never attempted")
                .allSatisfy(row -> assertThat(row.attempts()).isZero());
    }

    @Test
    void aRefusedEventIsRetriedWithABackoffAndShownNeverDropped() {
        double refusedBefore = ServiceMetrics.value("outbox_publish_refused_total");
        UUID refusedOrder = madeOrder();
        OutboxTable.append(refusedOrder, 1, 1, OutboxTable.tooLargePayload(), Duration.ZERO);

        OutboxEvent row = await("a second attempt").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> OutboxRows.of(outbox, List.of(refusedOrder)).get(0), event -> event.attempts() >= 2);

        assertThat(row.sentAt()).isNull();
        assertThat(row.lastError()).contains("RecordTooLargeException");
        assertThat(row.nextAttemptAt()).as("due again only after its backoff").isAfter(row.createdAt());
        assertThat(ServiceMetrics.value("outbox_publish_refused_total")).isGreaterThanOrEqualTo(refusedBefore + 2);
        await("shown as retrying").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> ServiceMetrics.exported("outbox_retrying") >= 1);
    }

    @Test
    void theLaterEventsOfARefusedEventsOrderWaitBehindItAndFollowItInOrderOnceItIsRepaired() {
        UUID order = madeOrder();
        OutboxTable.append(order, 1, 1, OutboxTable.tooLargePayload(), Duration.ZERO);
        OutboxTable.append(order, 2, 2, "{\"behindTheRefusedEvent\": true}", Duration.ZERO);
        await("the refused event attempted twice").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> OutboxRows.of(outbox, List.of(order)).get(0).attempts() >= 2);
        assertThat(OutboxRows.of(outbox, List.of(order)).subList(1, 3)).as("never sent before the refused event")
                .allSatisfy(row -> assertThat(row.sentAt()).isNull())
                .allSatisfy(row -> assertThat(row.attempts()).isZero());

        OutboxTable.repairPayload(order, 1, "{\"repaired\": true}");

        List<OutboxEvent> rows = OutboxAwait.allSent(outbox, List.of(order), 3, Duration.ofSeconds(90));
        List<ConsumerRecord<String, String>> records = new OrderEventsTopic(companion).readAll(List.of(order));
        assertThat(records).extracting(record -> OrderEventsTopic.header(record, EventHeaders.EVENT_ID))
                .containsExactlyElementsOf(rows.stream().map(row -> row.eventId().toString()).toList());
    }

    private UUID madeOrder() {
        UUID order = UUID.randomUUID();
        madeOrders.add(order);
        return order;
    }
}
