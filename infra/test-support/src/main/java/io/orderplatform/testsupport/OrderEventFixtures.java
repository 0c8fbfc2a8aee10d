package io.orderplatform.testsupport;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.EventHeaders;
import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.OrderLine;
import io.orderplatform.contract.OrderSnapshot;
import io.orderplatform.contract.OrderStatus;
import io.orderplatform.contract.Topics;

/** Contract-valid order events for consumer tests, and the Kafka records order-service would write for them. */
public final class OrderEventFixtures {

    private OrderEventFixtures() {
    }

    public static OrderLine line(String productId, int quantity, String unitPrice) {
        return new OrderLine(productId, quantity, new BigDecimal(unitPrice));
    }

    /** A new order's life: its events are numbered 1, 2, 3 as order-service numbers them. */
    public static OrderHistory order(String customerId, OrderLine... lines) {
        return new OrderHistory(UUID.randomUUID(), customerId, List.of(lines));
    }

    /** The record order-service writes for an event: key = orderId, headers eventId and eventType. */
    public static ProducerRecord<String, String> record(OrderEvent event) {
        return record(event.orderId().toString(), EventContract.toJson(event), event);
    }

    /** A record with the given key and raw value, carrying the event's headers (for poison records). */
    public static ProducerRecord<String, String> record(String key, String value, OrderEvent headersOf) {
        RecordHeaders headers = new RecordHeaders();
        if (headersOf != null) {
            headers.add(EventHeaders.EVENT_ID, headersOf.eventId().toString().getBytes(StandardCharsets.UTF_8));
            headers.add(EventHeaders.EVENT_TYPE, headersOf.eventType().wireName().getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(Topics.ORDER_EVENTS, null, key, value, headers);
    }

    /** The records of each order's OrderCreated then OrderPaid, as order-service writes them. */
    public static List<ProducerRecord<String, String>> createdAndPaidRecords(List<OrderHistory> orders) {
        return orders.stream().flatMap(order -> Stream.of(record(order.created()), record(order.paid()))).toList();
    }

    /** One order and the events of its state changes. */
    public record OrderHistory(UUID orderId, String customerId, List<OrderLine> items) {

        public BigDecimal total() {
            return items.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public OrderEvent created() {
            return event(EventType.ORDER_CREATED, 1, OrderStatus.CREATED, false, Instant.now());
        }

        public OrderEvent paid() {
            return event(EventType.ORDER_PAID, 2, OrderStatus.PAID, false, Instant.now());
        }

        /** Cancelled after {@code sequence - 1} changes; refunded when it had been paid. */
        public OrderEvent cancelled(long sequence, boolean refunded) {
            return event(EventType.ORDER_CANCELLED, sequence, OrderStatus.CANCELLED, refunded, Instant.now());
        }

        public OrderEvent event(EventType type, long sequence, OrderStatus status, boolean refunded, Instant at) {
            return new OrderEvent(UUID.randomUUID(), type, orderId, at, sequence, OrderEvent.CURRENT_VERSION,
                    new OrderSnapshot(customerId, status, items, total(), refunded));
        }
    }
}
