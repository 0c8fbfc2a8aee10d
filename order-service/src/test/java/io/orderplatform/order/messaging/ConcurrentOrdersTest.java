package io.orderplatform.order.messaging;

import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.validBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Roles;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OrderEventsTopic;
import io.orderplatform.order.support.OutboxAwait;
import io.orderplatform.testsupport.Tokens;
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
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        // The clients are the order desk, which places orders for any customer.
        String authorization = Tokens.bearer(Tokens.mint("order-desk", Roles.ORDERS_WRITE, Roles.ORDERS_READ));
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < ORDERS; i++) {
                HttpRequest request = HttpRequest.newBuilder(ordersUri)
                        .header("Content-Type", "application/json")
                        .header(Tokens.AUTHORIZATION, authorization)
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(validBody(newCustomerId())))
                        .build();
                responses.add(clients.submit(() -> http.send(request, HttpResponse.BodyHandlers.ofString())));
            }
            List<UUID> ids = new ArrayList<>();
            for (Future<HttpResponse<String>> response : responses) {
                HttpResponse<String> created = response.get(120, TimeUnit.SECONDS);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                ids.add(UUID.fromString(EventContract.readTree(created.body()).get("id").asText()));
            }
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
        } finally {
            clients.shutdownNow();
        }
    }
}
