package io.orderplatform.audit;

import static io.orderplatform.audit.AuditTestSupport.TIMEOUT;
import static io.orderplatform.audit.AuditTestSupport.anyPartition;
import static io.orderplatform.audit.AuditTestSupport.produce;
import static io.orderplatform.audit.AuditTestSupport.recorded;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.OrderStatus;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Events are listed by type and time of occurrence, a page at a time, oldest first. */
@QuarkusTest
class EventSearchTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void eventsOfATypeWithinATimeRangeComePagedInTimeOrder() {
        // A second of the year 2001 that no other test uses: the search sees this test's events only.
        Instant second = Instant.parse("2001-01-01T00:00:00Z")
                .plusSeconds(ThreadLocalRandom.current().nextLong(365L * 24 * 3600));
        List<OrderEvent> paid = new ArrayList<>();
        List<OrderEvent> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            OrderHistory order = order("c" + i, line("search", 1, "1.00"));
            OrderEvent created = order.event(EventType.ORDER_CREATED, 1, OrderStatus.CREATED, false,
                    second.plusMillis(100 * i));
            OrderEvent payment = order.event(EventType.ORDER_PAID, 2, OrderStatus.PAID, false,
                    second.plusMillis(100 * i + 50));
            paid.add(payment);
            all.add(created);
            all.add(payment);
        }
        // Produced newest first: the search orders by occurredAt, not by arrival.
        List<OrderEvent> newestFirst = new ArrayList<>(all);
        Collections.reverse(newestFirst);
        produce(companion, anyPartition(), newestFirst.toArray(OrderEvent[]::new));
        await().atMost(TIMEOUT).until(() -> all.stream().allMatch(e -> recorded(e.eventId())));

        JsonPath first = search("OrderPaid", second, second.plusSeconds(1), 0, 2);
        JsonPath secondPage = search("OrderPaid", second, second.plusSeconds(1), 1, 2);
        JsonPath third = search("OrderPaid", second, second.plusSeconds(1), 2, 2);
        assertThat(first.getLong("total")).isEqualTo(5);
        List<String> pages = new ArrayList<>();
        pages.addAll(first.getList("items.eventId", String.class));
        pages.addAll(secondPage.getList("items.eventId", String.class));
        pages.addAll(third.getList("items.eventId", String.class));
        assertThat(pages).containsExactlyElementsOf(paid.stream().map(e -> e.eventId().toString()).toList());
        assertThat(third.getList("items")).hasSize(1);
        assertThat(first.getList("items.eventType", String.class)).containsOnly("OrderPaid");

        JsonPath everyType = search(null, second, second.plusSeconds(1), 0, 200);
        assertThat(everyType.getLong("total")).isEqualTo(10);
        assertThat(everyType.getList("items.eventId", String.class))
                .containsExactlyElementsOf(all.stream().map(e -> e.eventId().toString()).toList());

        // "to" is exclusive, "from" inclusive.
        Instant lastPayment = paid.get(4).occurredAt();
        assertThat(search("OrderPaid", second, lastPayment, 0, 200).getLong("total")).isEqualTo(4);
        assertThat(search("OrderPaid", lastPayment, lastPayment.plusMillis(1), 0, 200).getLong("total")).isEqualTo(1);
    }

    private static JsonPath search(String type, Instant from, Instant to, int page, int size) {
        var request = given().queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("page", page).queryParam("size", size);
        if (type != null) {
            request.queryParam("type", type);
        }
        return request.get("/audit/events").then().statusCode(200).extract().jsonPath();
    }
}
