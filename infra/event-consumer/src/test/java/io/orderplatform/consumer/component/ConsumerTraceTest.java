package io.orderplatform.consumer.component;

import static io.orderplatform.consumer.component.ComponentFixtures.TIMEOUT;
import static io.orderplatform.consumer.component.ComponentFixtures.applied;
import static io.orderplatform.consumer.component.ComponentFixtures.eventIds;
import static io.orderplatform.consumer.component.ComponentFixtures.refusedByTheDatabase;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static io.orderplatform.testsupport.tracing.CapturedTrace.spanIdOf;
import static io.orderplatform.testsupport.tracing.CapturedTrace.traceIdOf;
import static io.orderplatform.testsupport.tracing.CapturedTrace.traceparentOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.testsupport.DeadLetterApi;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.orderplatform.testsupport.TestInfrastructure;
import io.orderplatform.testsupport.Tokens;
import io.orderplatform.testsupport.TopicReader;
import io.orderplatform.testsupport.tracing.CapturedTrace;
import io.orderplatform.testsupport.tracing.TracingOn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The consumers' side of the trace contract, on the shared path every consumer service runs: a record whose
 * {@code traceparent} header names a trace (order-service's publish span) is applied in a span of that trace with the
 * event's {@code orderId} and {@code eventId}; a poison record is dead-lettered in a span of the trace, and the dead
 * letter carries one traceparent of the trace, naming that span's child; a redrive continues the trace up to the
 * event's apply.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
class ConsumerTraceTest {

    private static final Logger LOG = Logger.getLogger(ConsumerTraceTest.class);

    private static final String APPLY = Topics.ORDER_EVENTS + " apply";
    private static final String DEAD_LETTER = Topics.ORDER_EVENTS + " dead-letter";
    private static final String REDRIVE = ComponentTestResources.REDRIVE + " redrive";
    private static final String REDRIVEN_APPLY = ComponentTestResources.REDRIVE + " apply";
    /** The fix DeadLetterRoundTripTest makes too: the column as wide as the contract allows. */
    private static final String WIDEN_CUSTOMER_ID = "ALTER TABLE applied_event MODIFY customer_id VARCHAR(64) NOT NULL";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("component-tests", Roles.OPERATOR);
    }

    @AfterEach
    void schemaAsShipped() throws SQLException {
        database("DELETE FROM applied_event WHERE CHAR_LENGTH(customer_id) > 32",
                "ALTER TABLE applied_event MODIFY customer_id VARCHAR(32) NOT NULL");
    }

    @Test
    void aRecordIsAppliedInTheTraceItsTraceparentNames() {
        OrderEvent event = order("customer-traced", line("p-traced", 1, "1.00")).created();
        String traceparent = CapturedTrace.newTraceparent();
        produce(OrderEventFixtures.record(event), traceparent);

        await().atMost(TIMEOUT).until(() -> applied(eventIds(List.of(event))) == 1);
        CapturedTrace trace = awaitSpan(traceparent, APPLY, event);
        SpanData apply = trace.named(APPLY).get(0);
        assertThat(apply.getAttributes().get(CapturedTrace.ORDER_ID)).isEqualTo(event.orderId().toString());
        assertContinues(trace, apply, traceparent);
        print("A record applied", trace);
    }

    @Test
    void aPoisonRecordIsDeadLetteredInItsTraceAndTheDeadLetterCarriesIt() {
        String orderId = UUID.randomUUID().toString();
        String traceparent = CapturedTrace.newTraceparent();
        produce(OrderEventFixtures.record(orderId, "{\"not\": \"an order event\"", null), traceparent);

        ConsumerRecord<String, byte[]> deadLetter = TopicReader.awaitKeys(companion, ComponentTestResources.DLQ,
                List.of(orderId), 1, TIMEOUT).get(0);
        String kept = traceparentOf(deadLetter.headers());
        assertThat(traceIdOf(kept)).as("the dead letter's trace").isEqualTo(traceIdOf(traceparent));
        CapturedTrace trace = awaitTrace(traceparent, t -> !t.named(DEAD_LETTER).isEmpty()
                && t.bySpanId(spanIdOf(kept)).isPresent());
        SpanData sent = trace.named(DEAD_LETTER).get(0);
        assertThat(sent.getAttributes().get(CapturedTrace.ORDER_ID)).isEqualTo(orderId);
        assertThat(trace.ancestry(trace.bySpanId(spanIdOf(kept)).orElseThrow()))
                .as("the parents of the span the dead letter's traceparent names").contains(sent);
        assertContinues(trace, sent, traceparent);
        print("A poison record dead-lettered", trace);
    }

    @Test
    void aRedriveContinuesTheTraceUpToTheEventsApply() throws SQLException {
        OrderEvent refused = refusedByTheDatabase();
        String orderId = refused.orderId().toString();
        String traceparent = CapturedTrace.newTraceparent();
        produce(OrderEventFixtures.record(refused), traceparent);
        TopicReader.awaitKeys(companion, ComponentTestResources.DLQ, List.of(orderId), 1, TIMEOUT);
        await().atMost(TIMEOUT).until(() -> DeadLetterApi.ofOrder(orderId).size() == 1);

        database(WIDEN_CUSTOMER_ID);
        assertThat(DeadLetterApi.redrive("{\"filter\": {\"orderId\": \"" + orderId + "\"}}").getInt("sent"))
                .isEqualTo(1);
        await().atMost(TIMEOUT).until(() -> applied(eventIds(List.of(refused))) == 1);

        ConsumerRecord<String, byte[]> redriven = TopicReader.awaitKeys(companion, ComponentTestResources.REDRIVE,
                List.of(orderId), 1, TIMEOUT).get(0);
        String redrivenTraceparent = traceparentOf(redriven.headers());
        assertThat(traceIdOf(redrivenTraceparent)).as("the redriven record's trace").isEqualTo(traceIdOf(traceparent));
        CapturedTrace trace = awaitSpan(traceparent, REDRIVEN_APPLY, refused);
        SpanData redrive = trace.bySpanId(spanIdOf(redrivenTraceparent)).orElseThrow();
        assertThat(redrive.getName()).isEqualTo(REDRIVE);
        assertThat(redrive.getAttributes().get(CapturedTrace.EVENT_ID)).isEqualTo(refused.eventId().toString());
        assertThat(trace.named(DEAD_LETTER)).as("the first consumption's dead letter").hasSize(1);
        SpanData apply = trace.named(REDRIVEN_APPLY).get(0);
        assertThat(trace.ancestry(apply)).as("the redriven apply's parents").contains(redrive);
        assertContinues(trace, redrive, traceparent);
        print("A record dead-lettered, redriven and applied", trace);
    }

    private void produce(ProducerRecord<String, String> record, String traceparent) {
        record.headers().add(CapturedTrace.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        companion.produceStrings().fromRecords(List.of(record)).awaitCompletion(TIMEOUT);
    }

    private CapturedTrace awaitSpan(String traceparent, String name, OrderEvent event) {
        return awaitTrace(traceparent, trace -> trace.named(name).stream().anyMatch(span ->
                event.eventId().toString().equals(span.getAttributes().get(CapturedTrace.EVENT_ID))));
    }

    private CapturedTrace awaitTrace(String traceparent, Predicate<CapturedTrace> complete) {
        return await("spans of trace " + traceIdOf(traceparent)).atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> CapturedTrace.of(spans, traceIdOf(traceparent)), complete);
    }

    /** The span's parents lead, within this service, to a span whose parent is the one the header named. */
    private static void assertContinues(CapturedTrace trace, SpanData span, String traceparent) {
        List<SpanData> ancestry = trace.ancestry(span);
        assertThat(ancestry.get(ancestry.size() - 1).getParentSpanId()).as("parent of %s's first ancestor here",
                span.getName()).isEqualTo(spanIdOf(traceparent));
    }

    private static void print(String what, CapturedTrace trace) {
        LOG.infof("%s, as captured:%n%s", what, trace.describe());
        System.out.println(what + ", as captured:\n" + trace.describe());
    }

    private static void database(String... statements) throws SQLException {
        TestInfrastructure infra = TestInfrastructure.get();
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl("event_consumer"), infra.dbUser(),
                infra.dbPassword()); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
