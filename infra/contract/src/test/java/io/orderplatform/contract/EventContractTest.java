package io.orderplatform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

class EventContractTest {

    private static OrderEvent created() {
        return new OrderEvent(UUID.randomUUID(), EventType.ORDER_CREATED, UUID.randomUUID(),
                Instant.parse("2026-11-22T10:00:00.123Z"), 1, OrderEvent.CURRENT_VERSION,
                new OrderSnapshot("customer-1", OrderStatus.CREATED,
                        List.of(new OrderLine("sku-1", 2, new BigDecimal("9.99"))), new BigDecimal("19.98"), false));
    }

    @Test
    void whatIsWrittenIsValidAndReadsBackEqual() {
        OrderEvent event = created();
        String json = EventContract.toJson(event);

        assertThat(EventContract.violations(EventContract.readTree(json))).isEmpty();
        assertThat(EventContract.parse(json)).isEqualTo(event);
        assertThat(json).contains("\"eventType\":\"OrderCreated\"").contains("\"occurredAt\":\"2026-11-22T10:00:00.123Z\"");
    }

    @Test
    void malformedJsonIsRejectedAsSuch() {
        assertThatThrownBy(() -> EventContract.parse("{\"eventId\": "))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidEventException.Kind.MALFORMED_JSON));
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsRejected() {
        assertThatThrownBy(() -> EventContract.parse("[1,2]"))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidEventException.Kind.NOT_AN_OBJECT));
    }

    @Test
    void missingEventIdUnknownTypeAndBadFormatsAreNamed() {
        ObjectNode document = (ObjectNode) EventContract.readTree(EventContract.toJson(created()));
        document.remove("eventId");
        document.put("eventType", "OrderShipped");
        document.put("orderId", "not-a-uuid");

        List<String> violations = EventContract.violations(document);

        assertThat(violations).anyMatch(v -> v.contains("eventId"));
        assertThat(violations).anyMatch(v -> v.contains("eventType"));
        assertThat(violations).anyMatch(v -> v.contains("orderId"));
        assertThatThrownBy(() -> EventContract.parse(document.toString()))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidEventException.Kind.SCHEMA_VIOLATION));
    }

    @Test
    void payloadStatusMustMatchTheEventType() {
        ObjectNode document = (ObjectNode) EventContract.readTree(EventContract.toJson(created()));
        document.put("eventType", "OrderPaid");
        document.put("sequence", 2);

        assertThat(EventContract.violations(document)).anyMatch(v -> v.contains("status"));
    }

    @Test
    void wrongTypesAndNonPositiveQuantitiesAreViolations() {
        ObjectNode document = (ObjectNode) EventContract.readTree(EventContract.toJson(created()));
        document.put("sequence", "one");
        ((ObjectNode) document.get("payload").get("items").get(0)).put("quantity", 0);

        List<String> violations = EventContract.violations(document);

        assertThat(violations).anyMatch(v -> v.contains("sequence"));
        assertThat(violations).anyMatch(v -> v.contains("quantity"));
    }

    @Test
    void everyTopicIsReplicatedThreeTimesWithTwoInSyncReplicas() {
        assertThat(TopicDefinitions.all()).extracting(TopicDefinitions.Topic::name)
                .containsExactlyInAnyOrder(Topics.ORDER_EVENTS, Topics.METRICS_DLQ, Topics.AUDIT_DLQ,
                        Topics.METRICS_REDRIVE, Topics.AUDIT_REDRIVE);
        assertThat(TopicDefinitions.all()).allSatisfy(topic -> {
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            assertThat(topic.config()).containsEntry("min.insync.replicas", "2");
            assertThat(topic.config()).containsEntry("unclean.leader.election.enable", "false");
        });
    }
}
