package io.orderplatform.metrics;

import static io.orderplatform.metrics.MetricsTestSupport.anyPartition;
import static io.orderplatform.testsupport.ServiceMetrics.value;
import static io.orderplatform.metrics.MetricsTestSupport.orders;
import static io.orderplatform.metrics.MetricsTestSupport.produce;
import static io.orderplatform.metrics.MetricsTestSupport.product;
import static io.orderplatform.metrics.MetricsTestSupport.revenue;
import static io.orderplatform.metrics.MetricsTestSupport.units;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;

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
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Sales figures and ranking computed from events on the real topic, exactly once in effect. */
@QuarkusTest
class SalesMetricsTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the sales figures. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("metrics-tests", Roles.METRICS_READ, Roles.OPERATOR);
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void eventsOfSeveralOrdersGiveExactFiguresAndRanking() {
        String a = product("a");
        String b = product("b");
        String c = product("c");
        OrderHistory paid = order("c1", line(a, 2, "10.00"), line(b, 1, "5.00"));
        OrderHistory refunded = order("c2", line(a, 1, "10.00"));
        OrderHistory unpaid = order("c3", line(b, 3, "5.00"));
        OrderHistory paidToo = order("c4", line(c, 5, "1.00"));
        int partition = anyPartition();

        produce(companion, partition, paid.created(), paid.paid(), refunded.created(), refunded.paid(),
                refunded.cancelled(3, true), unpaid.created(), paidToo.created(), paidToo.paid());

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(units(a)).isEqualTo(2);
            assertThat(units(b)).isEqualTo(1);
            assertThat(units(c)).isEqualTo(5);
        });
        assertThat(revenue(a)).isEqualByComparingTo("20.00");
        assertThat(orders(a)).isEqualTo(1);
        assertThat(revenue(b)).isEqualByComparingTo("5.00");
        assertThat(orders(b)).isEqualTo(1);
        assertThat(revenue(c)).isEqualByComparingTo("5.00");
        assertThat(rankingOf("units", Set.of(a, b, c))).containsExactly(c, a, b);
        assertThat(rankingOf("revenue", Set.of(a, b, c))).containsExactly(a, c, b);
    }

    @Test
    void theSameEventTwiceAndAReplayedBatchAreCountedOnce() {
        String apple = product("apple");
        String barrier = product("barrier");
        OrderHistory order = order("c1", line(apple, 2, "3.00"));
        OrderEvent created = order.created();
        OrderEvent paid = order.paid();
        int partition = anyPartition();
        produce(companion, partition, created, paid);
        await().atMost(TIMEOUT).until(() -> units(apple) == 2);
        double duplicatesBefore = value("order_events_duplicates_total");

        produce(companion, partition, paid, paid, created, paid);
        OrderHistory after = order("c2", line(barrier, 1, "1.00"));
        produce(companion, partition, after.created(), after.paid());

        // The barrier is behind the duplicates in the same partition: once it counts, they were all read.
        await().atMost(TIMEOUT).until(() -> units(barrier) == 1);
        assertThat(units(apple)).isEqualTo(2);
        assertThat(revenue(apple)).isEqualByComparingTo("6.00");
        assertThat(orders(apple)).isEqualTo(1);
        assertThat(value("order_events_duplicates_total") - duplicatesBefore).isGreaterThanOrEqualTo(4);
    }

    @Test
    void laterEventsOfAnOrderAppliedInEarlierBatchesMoveItsFigures() {
        String product = product("pear");
        String barrier = product("barrier");
        OrderHistory order = order("c1", line(product, 3, "4.00"));
        int partition = anyPartition();
        OrderHistory first = order("c2", line(barrier, 1, "1.00"));
        produce(companion, partition, order.created(), first.created(), first.paid());
        await().atMost(TIMEOUT).until(() -> units(barrier) == 1);

        produce(companion, partition, order.paid());
        await().atMost(TIMEOUT).until(() -> units(product) == 3);
        assertThat(revenue(product)).isEqualByComparingTo("12.00");

        produce(companion, partition, order.cancelled(3, true));
        await().atMost(TIMEOUT).until(() -> orders(product) == 0);
        assertThat(units(product)).isZero();
        assertThat(revenue(product)).isEqualByComparingTo("0");
    }

    @Test
    void outOfOrderAndRepeatedSequencesGiveTheRightFinalFigures() {
        String product = product("kiwi");
        OrderHistory paidBeforeCreated = order("c1", line(product, 1, "2.00"));
        OrderHistory cancelledBeforePaid = order("c2", line(product, 10, "2.00"));
        OrderHistory paidTwice = order("c3", line(product, 3, "2.00"));
        OrderEvent secondPayment = paidTwice.event(EventType.ORDER_PAID, 2, OrderStatus.PAID, false,
                java.time.Instant.now());
        int partition = anyPartition();

        produce(companion, partition,
                paidBeforeCreated.paid(), paidBeforeCreated.created(),
                cancelledBeforePaid.cancelled(3, true), cancelledBeforePaid.created(), cancelledBeforePaid.paid(),
                paidTwice.created(), paidTwice.paid(), secondPayment);

        await().atMost(TIMEOUT).until(() -> units(product) == 4);
        assertThat(revenue(product)).isEqualByComparingTo(new BigDecimal("8.00"));
        assertThat(orders(product)).isEqualTo(2);
    }

    @Test
    void theSummaryCountsOrdersByStatusAndRefunds() {
        double before = given().get("/metrics/summary").then().statusCode(200).extract().jsonPath()
                .getDouble("refundedOrders");
        String product = product("plum");
        OrderHistory refunded = order("c1", line(product, 1, "7.00"));
        produce(companion, anyPartition(), refunded.created(), refunded.paid(), refunded.cancelled(3, true));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(given().get("/metrics/summary").then()
                .statusCode(200).extract().jsonPath().getDouble("refundedOrders")).isEqualTo(before + 1));
        var summary = given().get("/metrics/summary").then().statusCode(200).extract().jsonPath();
        assertThat(summary.getLong("ordersByStatus.CANCELLED")).isGreaterThanOrEqualTo(1);
        assertThat(summary.getLong("totalOrders")).isEqualTo(summary.getLong("ordersByStatus.CREATED")
                + summary.getLong("ordersByStatus.PAID") + summary.getLong("ordersByStatus.CANCELLED"));
    }

    private static List<String> rankingOf(String by, Set<String> products) {
        List<String> ranking = given().queryParam("by", by).queryParam("limit", 100).get("/metrics/products/top")
                .then().statusCode(200).extract().jsonPath().getList("productId", String.class);
        return ranking.stream().filter(products::contains).toList();
    }
}
