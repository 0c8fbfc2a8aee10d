package io.orderplatform.audit.domain;

import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.orderplatform.consumer.ConsumedEvent;
import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.OrderStatus;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;

class ArrivalOrderTest {

    private final OrderHistory order = order("c-1", line("apple", 1, "1.00"));
    private final OrderHistory other = order("c-2", line("pear", 1, "1.00"));

    @Test
    void eventsInSequenceOrderAreInOrder() {
        List<Arrival> arrivals = ArrivalOrder.mark(Map.of(),
                consumed(order.created(), order.paid(), order.cancelled(3, true)));

        assertThat(arrivals).extracting(Arrival::arrivedOutOfOrder).containsExactly(false, false, false);
    }

    @Test
    void anEventBelowTheHighestRecordedSequenceOfItsOrderArrivedOutOfOrder() {
        List<Arrival> arrivals = ArrivalOrder.mark(Map.of(order.orderId(), 3L), consumed(order.paid()));

        assertThat(arrivals.get(0).arrivedOutOfOrder()).isTrue();
    }

    @Test
    void anEventBelowOneEarlierInTheSameBatchArrivedOutOfOrder() {
        List<Arrival> arrivals = ArrivalOrder.mark(Map.of(),
                consumed(order.paid(), order.created(), order.cancelled(3, false)));

        assertThat(arrivals).extracting(Arrival::arrivedOutOfOrder).containsExactly(false, true, false);
    }

    @Test
    void aGapIsNotDisorder() {
        List<Arrival> arrivals = ArrivalOrder.mark(Map.of(order.orderId(), 1L), consumed(order.cancelled(3, false)));

        assertThat(arrivals.get(0).arrivedOutOfOrder()).isFalse();
    }

    @Test
    void aSecondEventWithTheHighestSequenceIsNotOutOfOrder() {
        OrderEvent samePayment = order.event(EventType.ORDER_PAID, 2, OrderStatus.PAID, false, Instant.now());

        List<Arrival> arrivals = ArrivalOrder.mark(Map.of(order.orderId(), 2L), consumed(samePayment));

        assertThat(arrivals.get(0).arrivedOutOfOrder()).isFalse();
    }

    @Test
    void ordersAreJudgedSeparately() {
        List<Arrival> arrivals = ArrivalOrder.mark(Map.of(other.orderId(), 3L),
                consumed(order.paid(), other.created(), order.created(), other.cancelled(4, false)));

        assertThat(arrivals).extracting(Arrival::arrivedOutOfOrder).containsExactly(false, true, true, false);
    }

    @Test
    void theEventsKeepTheirArrivalOrder() {
        List<ConsumedEvent> events = consumed(order.paid(), other.created(), order.created());

        List<Arrival> arrivals = ArrivalOrder.mark(Map.of(), events);

        assertThat(arrivals).extracting(Arrival::event).containsExactlyElementsOf(events);
    }

    private static List<ConsumedEvent> consumed(OrderEvent... events) {
        List<ConsumedEvent> consumed = new ArrayList<>();
        for (OrderEvent event : events) {
            consumed.add(new ConsumedEvent(event, EventContract.toJson(event), event.orderId().toString(), Map.of(),
                    "order-events", 0, consumed.size(), Instant.now()));
        }
        return consumed;
    }
}
