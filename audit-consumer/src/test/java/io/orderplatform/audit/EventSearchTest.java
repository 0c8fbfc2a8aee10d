package io.orderplatform.audit;

import static io.orderplatform.audit.AuditTestSupport.TIMEOUT;
import static io.orderplatform.audit.AuditTestSupport.anyPartition;
import static io.orderplatform.audit.AuditTestSupport.produce;
import static io.orderplatform.audit.AuditTestSupport.recorded;
import static io.orderplatform.testsupport.KeysetPages.items;
import static io.orderplatform.testsupport.KeysetPages.page;
import static io.orderplatform.testsupport.KeysetPages.walk;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.OrderStatus;
import io.orderplatform.contract.Roles;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Events are listed by type and time of occurrence, oldest first, a page at a time. */
@QuarkusTest
class EventSearchTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the audit trail. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("audit-tests", Roles.AUDIT_READ, Roles.OPERATOR);
    }

    private static final String EVENTS = "/audit/events";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void eventsOfATypeWithinATimeRangeComePageByPageInTimeOrder() {
        Instant second = unusedSecond();
        List<OrderEvent> paid = new ArrayList<>();
        List<OrderEvent> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            OrderHistory order = order("c" + i, line("search", 1, "1.00"));
            all.add(order.event(EventType.ORDER_CREATED, 1, OrderStatus.CREATED, false, second.plusMillis(100 * i)));
            OrderEvent payment = order.event(EventType.ORDER_PAID, 2, OrderStatus.PAID, false,
                    second.plusMillis(100 * i + 50));
            paid.add(payment);
            all.add(payment);
        }
        // Produced newest first: the search orders by occurredAt, not by arrival.
        record(reversed(all));

        List<JsonPath> pages = walk(EVENTS, search("OrderPaid", second, second.plusSeconds(1), 2));

        assertThat(pages).extracting(page -> page.getList("items").size()).containsExactly(2, 2, 1);
        assertThat(items(pages, "eventId")).containsExactlyElementsOf(eventIds(paid));
        assertThat(items(pages, "eventType")).containsOnly("OrderPaid");
        assertThat(items(walk(EVENTS, search(null, second, second.plusSeconds(1), 3)), "eventId"))
                .containsExactlyElementsOf(eventIds(all));
    }

    @Test
    void fromIsInclusiveAndToExclusive() {
        Instant second = unusedSecond();
        List<OrderEvent> paid = IntStream.range(0, 3).mapToObj(i -> order("c" + i, line("bounds", 1, "1.00"))
                .event(EventType.ORDER_PAID, 2, OrderStatus.PAID, false, second.plusMillis(100 * i))).toList();
        record(paid);
        Instant last = paid.get(2).occurredAt();

        assertThat(items(walk(EVENTS, search("OrderPaid", second, last, 200)), "eventId"))
                .containsExactlyElementsOf(eventIds(paid.subList(0, 2)));
        assertThat(items(walk(EVENTS, search("OrderPaid", last, last.plusNanos(1_000), 200)), "eventId"))
                .containsExactly(paid.get(2).eventId().toString());
    }

    @Test
    void eventsOfTheSameInstantPageByEventIdWithoutOverlap() {
        Instant second = unusedSecond();
        List<OrderEvent> created = IntStream.range(0, 5).mapToObj(i -> order("c" + i, line("same", 1, "1.00"))
                .event(EventType.ORDER_CREATED, 1, OrderStatus.CREATED, false, second)).toList();
        record(created);

        List<JsonPath> pages = walk(EVENTS, search("OrderCreated", second, second.plusSeconds(1), 2));

        assertThat(items(pages, "eventId")).containsExactlyElementsOf(eventIds(created).stream().sorted().toList());
    }

    @Test
    void eventsRecordedBetweenTwoPagesNeitherRepeatNorHideAnother() {
        Instant second = unusedSecond();
        List<OrderEvent> recorded = IntStream.range(0, 4).mapToObj(i -> paidAt(second.plusMillis(100 * i))).toList();
        record(recorded);
        Map<String, Object> search = search("OrderPaid", second, second.plusSeconds(1), 2);
        JsonPath first = page(EVENTS, search);

        // Arriving late: one occurred before the first page's end, one after it.
        OrderEvent beforeTheCursor = paidAt(second.plusMillis(50));
        OrderEvent afterTheCursor = paidAt(second.plusMillis(250));
        record(List.of(beforeTheCursor, afterTheCursor));
        List<String> walked = new ArrayList<>(first.getList("items.eventId", String.class));
        walked.addAll(items(walk(EVENTS, search, first.getString("nextCursor")), "eventId"));

        assertThat(walked).containsExactlyElementsOf(eventIds(List.of(recorded.get(0), recorded.get(1),
                recorded.get(2), afterTheCursor, recorded.get(3))));
        // A walk started afresh has them all, each in its place.
        assertThat(items(walk(EVENTS, search), "eventId")).containsExactlyElementsOf(eventIds(List.of(recorded.get(0),
                beforeTheCursor, recorded.get(1), recorded.get(2), afterTheCursor, recorded.get(3))));
    }

    /** A second of the year 2001 that no other test uses: a search within it sees this test's events only. */
    private static Instant unusedSecond() {
        return Instant.parse("2001-01-01T00:00:00Z").plusSeconds(ThreadLocalRandom.current().nextLong(365L * 24 * 3600));
    }

    private static OrderEvent paidAt(Instant at) {
        return order("c1", line("meanwhile", 1, "1.00")).event(EventType.ORDER_PAID, 2, OrderStatus.PAID, false, at);
    }

    /** Produces the events, in this order, and waits until each is recorded. */
    private void record(List<OrderEvent> events) {
        produce(companion, anyPartition(), events.toArray(OrderEvent[]::new));
        await().atMost(TIMEOUT).until(() -> events.stream().allMatch(e -> recorded(e.eventId())));
    }

    private static Map<String, Object> search(String type, Instant from, Instant to, int limit) {
        Map<String, Object> parameters = new HashMap<>(Map.of("from", from.toString(), "to", to.toString(),
                "limit", limit));
        if (type != null) {
            parameters.put("type", type);
        }
        return parameters;
    }

    private static List<String> eventIds(List<OrderEvent> events) {
        return events.stream().map(e -> e.eventId().toString()).toList();
    }

    private static List<OrderEvent> reversed(List<OrderEvent> events) {
        List<OrderEvent> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        return reversed;
    }
}
