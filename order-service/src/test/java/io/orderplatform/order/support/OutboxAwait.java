package io.orderplatform.order.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.repository.OutboxEventRepository;

/** Waits on the outbox table. */
public final class OutboxAwait {

    private OutboxAwait() {
    }

    /**
     * Waits until the orders have {@code expectedEvents} outbox rows, all marked sent, i.e. acknowledged by Kafka;
     * after that, every record they will ever produce (re-sends included) is on the topic.
     */
    public static List<OutboxEvent> allSent(OutboxEventRepository outbox, Collection<UUID> orderIds,
            int expectedEvents, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> OutboxRows.of(outbox, orderIds),
                        rows -> rows.size() == expectedEvents && rows.stream().allMatch(row -> row.sentAt() != null));
    }
}
