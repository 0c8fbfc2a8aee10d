package io.orderplatform.order.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OrderEventsTopic;
import io.orderplatform.order.support.OutboxAwait;
import io.orderplatform.order.support.ParallelOrders;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Hundreds of orders placed at once: each gets exactly its one OrderCreated. */
@QuarkusTest
class ConcurrentOrdersTest {

    private static final Logger LOG = Logger.getLogger(ConcurrentOrdersTest.class);
    private static final int ORDERS = 300;
    private static final int CLIENTS = 16;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    OutboxEventRepository outbox;

    @Inject
    OutboxMetrics metrics;

    @TestHTTPResource("/orders")
    URI ordersUri;

    /** For the record, not asserted: timing depends on the machine. */
    private void logLatency(List<OutboxEvent> rows) {
        List<Long> millis = rows.stream().map(row -> Duration.between(row.createdAt(), row.sentAt()).toMillis())
                .sorted().toList();
        LOG.infof("%d orders in parallel, commit to marked sent: p50 %d ms, p95 %d ms, max %d ms; "
                + "commit-to-ack timer of the whole run: %d events, mean %.0f ms, max %.0f ms",
                millis.size(), millis.get(millis.size() / 2), millis.get(millis.size() * 95 / 100),
                millis.get(millis.size() - 1), metrics.latency().count(),
                metrics.latency().mean(TimeUnit.MILLISECONDS), metrics.latency().max(TimeUnit.MILLISECONDS));
    }

    @Test
    void everyOrderPlacedInParallelIsPublishedExactlyOnce() throws Exception {
        List<UUID> ids = ParallelOrders.place(ordersUri, ORDERS, CLIENTS);
        assertThat(ids).doesNotHaveDuplicates();

        OrderEventsTopic topic = new OrderEventsTopic(companion);
        topic.await(ids, ORDERS, Duration.ofSeconds(120));
        List<OutboxEvent> rows = OutboxAwait.allSent(outbox, ids, ORDERS, Duration.ofSeconds(60));
        List<OrderEvent> published = OrderEventsTopic.validEnvelopes(topic.readAll(ids));

        assertThat(published).hasSize(ORDERS);
        assertThat(published).extracting(OrderEvent::eventType).containsOnly(EventType.ORDER_CREATED);
        assertThat(published).extracting(OrderEvent::sequence).containsOnly(1L);
        Map<UUID, OrderEvent> byOrder = published.stream()
                .collect(Collectors.toMap(OrderEvent::orderId, Function.identity()));
        assertThat(byOrder.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(published).extracting(OrderEvent::eventId)
                .containsExactlyInAnyOrderElementsOf(rows.stream().map(OutboxEvent::eventId).toList());
        logLatency(rows);
    }
}
