package io.orderplatform.order.messaging;

import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.pay;
import static io.orderplatform.order.support.OrderRequests.placeOrder;
import static io.orderplatform.testsupport.tracing.CapturedTrace.spanIdOf;
import static io.orderplatform.testsupport.tracing.CapturedTrace.traceIdOf;
import static io.orderplatform.testsupport.tracing.CapturedTrace.traceparentOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.orderplatform.contract.EventHeaders;
import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.localstack.LocalKafkaCluster;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OrderEventsTopic;
import io.orderplatform.order.support.OutboxRows;
import io.orderplatform.testsupport.TestInfrastructure;
import io.orderplatform.testsupport.Tokens;
import io.orderplatform.testsupport.tracing.CapturedTrace;
import io.orderplatform.testsupport.tracing.TracingOn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * One order's trace, from its request to the record on order-events: the request's server span, the relay's publish
 * span under it (through the context stored with the outbox row), and the record's single {@code traceparent} header
 * naming that publish span, so the consumers continue the same trace. Also when Kafka was away and the publication
 * came long after the request had ended. The consumers' side of the contract (record header to their spans) is
 * proven in their own modules.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
class OrderTraceTest {

    private static final Logger LOG = Logger.getLogger(OrderTraceTest.class);

    private static final Duration SPANS_EXPORTED = Duration.ofSeconds(30);
    /** As KafkaOutageTest: brokers take 5-10 s each to start on a small machine. */
    private static final Duration BROKER_START = Duration.ofSeconds(90);
    private static final Duration RECOVERY = Duration.ofSeconds(180);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    OutboxEventRepository outbox;

    @BeforeEach
    void setUp() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    @AfterEach
    void restoreBrokers() {
        TestInfrastructure.get().kafkaCluster()
                .ifPresent(cluster -> cluster.restoreAllBrokers(Topics.ORDER_EVENTS, BROKER_START, RECOVERY));
    }

    @Test
    void anOrdersRequestAndItsPublicationShareOneTrace() {
        UUID order = placeOrder(newCustomerId());

        ConsumerRecord<String, String> record = records(order, 1).get(0);
        CapturedTrace trace = publishedInRequestTrace(record, order, "POST /orders");
        LOG.infof("Trace of order %s as captured:%n%s", order, trace.describe());
        System.out.println("Trace of order " + order + " as captured:\n" + trace.describe());
    }

    @Test
    void aPaymentIsPublishedInThePaymentRequestsTrace() {
        UUID order = placeOrder(newCustomerId());
        pay(order).statusCode(200);

        List<ConsumerRecord<String, String>> records = records(order, 2);
        String created = traceIdOf(traceparentOf(records.get(0).headers()));
        CapturedTrace payment = publishedInRequestTrace(records.get(1), order, "POST /orders/{id}/pay");
        assertThat(payment.traceId()).as("each request its own trace").isNotEqualTo(created);
    }

    @Test
    void aPublicationDelayedByAKafkaOutageStaysInTheRequestsTrace() {
        LocalKafkaCluster cluster = TestInfrastructure.get().kafkaCluster()
                .orElseThrow(() -> new TestAbortedException("This test stops brokers: it needs the local cluster"));
        OrderEventsTopic topic = new OrderEventsTopic(companion);
        // As in a running service (and KafkaOutageTest), the producer knows the topic before the outage.
        UUID before = placeOrder(newCustomerId());
        topic.await(List.of(before), 1, Duration.ofSeconds(60));

        cluster.brokerIds().forEach(cluster::stopBroker);
        UUID order = placeOrder(newCustomerId());
        await("a failed publish attempt").atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .until(() -> OutboxRows.of(outbox, List.of(order)), rows -> rows.stream()
                        .anyMatch(row -> row.attempts() > 0));
        cluster.brokerIds().forEach(broker -> cluster.startBroker(broker, BROKER_START));
        cluster.awaitFullyReplicated(Topics.ORDER_EVENTS, RECOVERY);

        // A send that timed out as the brokers came back may have been written all the same (at-least-once): every
        // copy of the event carries a publish span of the request's trace.
        List<ConsumerRecord<String, String>> records = topic.await(List.of(order), 1, RECOVERY);
        OutboxEvent row = OutboxRows.of(outbox, List.of(order)).get(0);
        assertThat(row.traceContext().isPresent()).as("the request's context stored with the row").isTrue();
        CapturedTrace trace = publishedInRequestTrace(records.get(records.size() - 1), order, "POST /orders");
        // The failed attempts made during the outage are spans of the same trace, marked as errors.
        List<SpanData> publishes = trace.named(Topics.ORDER_EVENTS + " publish");
        assertThat(publishes).as("publish attempts").hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(span -> assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
        assertThat(publishes).as("every attempt a child of the request's span stored with the row")
                .allSatisfy(span -> assertThat(span.getParentSpanId())
                        .isEqualTo(spanIdOf(row.traceContext().traceparent())));
        LOG.infof("Trace of order %s, published after a Kafka outage:%n%s", order, trace.describe());
        System.out.println("Trace of order " + order + ", published after a Kafka outage:\n" + trace.describe());
    }

    private List<ConsumerRecord<String, String>> records(UUID order, int expected) {
        return new OrderEventsTopic(companion).await(List.of(order), expected, Duration.ofSeconds(60));
    }

    /**
     * The record's traceparent names a publish span of this service for the record's event, and the publish span's
     * parents lead to the server span of the request that wrote the event: one trace id from request to record.
     */
    private CapturedTrace publishedInRequestTrace(ConsumerRecord<String, String> record, UUID order,
            String requestSpan) {
        String traceparent = traceparentOf(record.headers());
        String eventId = OrderEventsTopic.header(record, EventHeaders.EVENT_ID);
        return await("the spans of trace " + traceIdOf(traceparent)).atMost(SPANS_EXPORTED)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> CapturedTrace.of(spans, traceIdOf(traceparent)), trace -> {
                    SpanData publish = trace.bySpanId(spanIdOf(traceparent)).orElse(null);
                    if (publish == null || trace.find(span -> span.getKind() == SpanKind.SERVER).isEmpty()) {
                        return false;
                    }
                    assertThat(publish.getName()).isEqualTo(Topics.ORDER_EVENTS + " publish");
                    assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
                    assertThat(publish.getAttributes().get(CapturedTrace.ORDER_ID)).isEqualTo(order.toString());
                    assertThat(publish.getAttributes().get(CapturedTrace.EVENT_ID)).isEqualTo(eventId);
                    List<SpanData> ancestry = trace.ancestry(publish);
                    SpanData root = ancestry.get(ancestry.size() - 1);
                    assertThat(root.getKind()).as("the publish span's first ancestor").isEqualTo(SpanKind.SERVER);
                    assertThat(root.getName()).isEqualTo(requestSpan);
                    return true;
                });
    }
}
