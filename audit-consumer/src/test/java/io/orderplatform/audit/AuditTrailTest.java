package io.orderplatform.audit;

import static io.orderplatform.audit.AuditTestSupport.TIMEOUT;
import static io.orderplatform.audit.AuditTestSupport.anyPartition;
import static io.orderplatform.testsupport.ServiceMetrics.value;
import static io.orderplatform.audit.AuditTestSupport.entries;
import static io.orderplatform.audit.AuditTestSupport.produce;
import static io.orderplatform.audit.AuditTestSupport.recorded;
import static io.orderplatform.audit.AuditTestSupport.trail;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.EventHeaders;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;
import io.orderplatform.testsupport.TestInfrastructure;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Every event on the real topic becomes one immutable entry of its order's trail; gaps and disorder show. */
@QuarkusTest
class AuditTrailTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the audit trail. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("audit-tests", Roles.AUDIT_READ, Roles.OPERATOR);
    }

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void everyEventOfSeveralOrdersAppearsOnceInSequenceOrderWithItsKafkaCoordinates() {
        Instant start = Instant.now();
        OrderHistory cancelled = order("c1", line("apple", 2, "10.00"), line("pear", 1, "5.50"));
        OrderHistory paid = order("c2", line("plum", 3, "1.25"));
        OrderHistory unpaid = order("c3", line("kiwi", 1, "0.99"));
        List<OrderEvent> cancelledEvents = List.of(cancelled.created(), cancelled.paid(), cancelled.cancelled(3, true));
        List<OrderEvent> paidEvents = List.of(paid.created(), paid.paid());
        List<OrderEvent> unpaidEvents = List.of(unpaid.created(), unpaid.cancelled(2, false));
        int partition = anyPartition();
        int otherPartition = (partition + 1) % 6;

        // Two orders interleaved in one partition, the third in another: each order's events in sequence order.
        List<RecordMetadata> interleaved = produce(companion, partition, cancelledEvents.get(0), paidEvents.get(0),
                cancelledEvents.get(1), paidEvents.get(1), cancelledEvents.get(2));
        List<RecordMetadata> other = produce(companion, otherPartition, unpaidEvents.toArray(OrderEvent[]::new));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(entries(cancelled.orderId())).isEqualTo(3);
            assertThat(entries(paid.orderId())).isEqualTo(2);
            assertThat(entries(unpaid.orderId())).isEqualTo(2);
        });
        assertTrail(cancelled, cancelledEvents,
                List.of(interleaved.get(0), interleaved.get(2), interleaved.get(4)), start);
        assertTrail(paid, paidEvents, List.of(interleaved.get(1), interleaved.get(3)), start);
        assertTrail(unpaid, unpaidEvents, other, start);
    }

    @Test
    void oneEventIsReadByItsEventIdWithItsEnvelopeExactlyAsReceived() {
        OrderHistory order = order("c1", line("fig", 4, "2.50"));
        OrderEvent created = order.created();
        RecordMetadata written = produce(companion, anyPartition(), created).get(0);
        await().atMost(TIMEOUT).until(() -> recorded(created.eventId()));

        String body = given().get("/audit/events/{id}", created.eventId()).then().statusCode(200)
                .contentType("application/json").extract().asString();

        // The stored value is served verbatim, not re-serialized: the producer's exact text is in the answer.
        assertThat(body).contains("\"envelope\":" + EventContract.toJson(created));
        JsonPath entry = JsonPath.from(body);
        assertThat(entry.getString("eventId")).isEqualTo(created.eventId().toString());
        assertThat(entry.getString("orderId")).isEqualTo(order.orderId().toString());
        assertThat(entry.getInt("kafka.partition")).isEqualTo(written.partition());
        assertThat(entry.getLong("kafka.offset")).isEqualTo(written.offset());
    }

    @Test
    void theSameEventTwiceAndAReplayedBatchAddNothing() {
        OrderHistory order = order("c1", line("apple", 2, "3.00"));
        OrderEvent created = order.created();
        OrderEvent paid = order.paid();
        int partition = anyPartition();
        produce(companion, partition, created, paid);
        await().atMost(TIMEOUT).until(() -> entries(order.orderId()) == 2);
        List<Map<String, Object>> before = trail(order.orderId()).getList("entries");
        double duplicatesBefore = value("order_events_duplicates_total");

        produce(companion, partition, paid, paid, created, paid);
        OrderEvent barrier = order("c2", line("barrier", 1, "1.00")).created();
        produce(companion, partition, barrier);

        // The barrier is behind the duplicates in the same partition: once it is recorded, they were all read.
        await().atMost(TIMEOUT).until(() -> recorded(barrier.eventId()));
        assertThat(trail(order.orderId()).getList("entries")).isEqualTo(before);
        assertThat(value("order_events_duplicates_total") - duplicatesBefore).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aRedeliveryTheProcessedEventsLogDoesNotKnowStillChangesNoEntry() throws SQLException {
        OrderHistory order = order("c1", line("quince", 1, "4.00"));
        OrderEvent created = order.created();
        int partition = anyPartition();
        produce(companion, partition, created);
        await().atMost(TIMEOUT).until(() -> recorded(created.eventId()));
        JsonPath before = trail(order.orderId());

        // Past the shared dedupe log, as after its rows were purged: only the audit insert stands in the way.
        forgetProcessed(created);
        produce(companion, partition, created);
        OrderEvent barrier = order("c2", line("barrier", 1, "1.00")).created();
        produce(companion, partition, barrier);

        await().atMost(TIMEOUT).until(() -> recorded(barrier.eventId()));
        assertThat(trail(order.orderId()).getList("entries")).isEqualTo(before.getList("entries"));
    }

    @Test
    void aMissingSequenceIsFlaggedUntilItArrivesAndThenItIsFlaggedAsLate() {
        OrderHistory order = order("c1", line("lime", 1, "1.00"));
        OrderEvent created = order.created();
        OrderEvent paid = order.paid();
        OrderEvent cancelled = order.cancelled(3, true);
        int partition = anyPartition();

        produce(companion, partition, created, cancelled);
        await().atMost(TIMEOUT).until(() -> entries(order.orderId()) == 2);
        JsonPath gap = trail(order.orderId());
        assertThat(gap.getList("entries.sequence", Long.class)).containsExactly(1L, 3L);
        assertThat(gap.getList("missingSequences", Long.class)).containsExactly(2L);
        assertThat(gap.getLong("missingCount")).isEqualTo(1);
        assertThat(gap.getBoolean("complete")).isFalse();
        assertThat(gap.getList("entries.arrivedOutOfOrder", Boolean.class)).containsExactly(false, false);

        produce(companion, partition, paid);
        await().atMost(TIMEOUT).until(() -> entries(order.orderId()) == 3);
        JsonPath filled = trail(order.orderId());
        assertThat(filled.getList("entries.sequence", Long.class)).containsExactly(1L, 2L, 3L);
        assertThat(filled.getList("entries.eventId", String.class)).containsExactly(created.eventId().toString(),
                paid.eventId().toString(), cancelled.eventId().toString());
        assertThat(filled.getList("entries.arrivedOutOfOrder", Boolean.class)).containsExactly(false, true, false);
        assertThat(filled.getList("missingSequences")).isEmpty();
        assertThat(filled.getBoolean("complete")).isTrue();
    }

    @Test
    void anEventBehindALaterOneOfItsOrderIsFlaggedAsOutOfOrder() {
        OrderHistory order = order("c1", line("date", 1, "1.00"));
        OrderEvent created = order.created();
        OrderEvent paid = order.paid();

        produce(companion, anyPartition(), paid, created);

        await().atMost(TIMEOUT).until(() -> entries(order.orderId()) == 2);
        JsonPath trail = trail(order.orderId());
        assertThat(trail.getList("entries.eventId", String.class))
                .containsExactly(created.eventId().toString(), paid.eventId().toString());
        assertThat(trail.getList("entries.arrivedOutOfOrder", Boolean.class)).containsExactly(true, false);
        assertThat(trail.getBoolean("complete")).isTrue();
    }

    private static void assertTrail(OrderHistory order, List<OrderEvent> events, List<RecordMetadata> written,
            Instant start) {
        JsonPath trail = trail(order.orderId());
        assertThat(trail.getString("orderId")).isEqualTo(order.orderId().toString());
        assertThat(trail.getList("missingSequences")).isEmpty();
        assertThat(trail.getBoolean("complete")).isTrue();
        assertThat(trail.getList("entries")).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            OrderEvent event = events.get(i);
            RecordMetadata record = written.get(i);
            String entry = "entries[" + i + "].";
            assertThat(trail.getString(entry + "eventId")).isEqualTo(event.eventId().toString());
            assertThat(trail.getString(entry + "eventType")).isEqualTo(event.eventType().wireName());
            assertThat(trail.getLong(entry + "sequence")).isEqualTo(event.sequence());
            assertThat(Instant.parse(trail.getString(entry + "occurredAt")))
                    .isEqualTo(event.occurredAt().truncatedTo(ChronoUnit.MICROS));
            assertThat(Instant.parse(trail.getString(entry + "recordedAt")))
                    .isBetween(start.minusSeconds(5), Instant.now().plusSeconds(5));
            assertThat(trail.getBoolean(entry + "arrivedOutOfOrder")).isFalse();
            assertThat(trail.getString(entry + "kafka.topic")).isEqualTo(Topics.ORDER_EVENTS);
            assertThat(trail.getInt(entry + "kafka.partition")).isEqualTo(record.partition());
            assertThat(trail.getLong(entry + "kafka.offset")).isEqualTo(record.offset());
            assertThat(Instant.parse(trail.getString(entry + "kafka.timestamp")))
                    .isEqualTo(Instant.ofEpochMilli(record.timestamp()));
            assertThat(trail.getString(entry + "kafka.key")).isEqualTo(order.orderId().toString());
            assertThat(trail.getMap(entry + "kafka.headers")).containsEntry(EventHeaders.EVENT_ID,
                    event.eventId().toString()).containsEntry(EventHeaders.EVENT_TYPE, event.eventType().wireName());
            assertThat(trail.getString(entry + "envelope.eventId")).isEqualTo(event.eventId().toString());
            assertThat(trail.getLong(entry + "envelope.sequence")).isEqualTo(event.sequence());
        }
    }

    /** Deletes the event's row from the shared processed-events log, straight in the database. */
    private static void forgetProcessed(OrderEvent event) throws SQLException {
        TestInfrastructure infra = TestInfrastructure.get();
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl("audit_consumer"), infra.dbUser(),
                infra.dbPassword());
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM processed_event WHERE event_id = ?")) {
            delete.setString(1, event.eventId().toString());
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
    }
}
