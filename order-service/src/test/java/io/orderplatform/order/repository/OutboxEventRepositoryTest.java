package io.orderplatform.order.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.OrderLine;
import io.orderplatform.contract.OrderSnapshot;
import io.orderplatform.contract.OrderStatus;
import io.orderplatform.contract.TimeOrderedIds;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.tracing.RequestTraceContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;

/**
 * What a relay round may send ({@link OutboxEventRepository#findDue}) and how a round's outcome is recorded. Each
 * test writes its rows in a transaction that is rolled back, so the running relay, in transactions of its own, never
 * sees them; and it reads only its own orders' rows among whatever else is due.
 */
@QuarkusTest
class OutboxEventRepositoryTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final Instant RETRY_AT = NOW.plus(Duration.ofMinutes(5));

    @Inject
    OutboxEventRepository outbox;

    @Test
    @RunOnVertxContext
    void dueRowsComeInPublicationOrderAndSentRowsNever(UniAsserter asserter) {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        asserter.assertThat(() -> rolledBack(() -> append(a, 1)
                        .call(sent -> outbox.markSent(List.of(sent.id()), NOW))
                        .chain(() -> append(a, 2))
                        .chain(() -> append(b, 1))
                        .chain(() -> dueOf(NOW, a, b))),
                due -> assertThat(due).containsExactly(a + "#2", b + "#1"));
    }

    @Test
    @RunOnVertxContext
    void aRowWaitingForItsRetryHoldsBackTheLaterEventsOfItsOrderOnly(UniAsserter asserter) {
        UUID failing = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        asserter.assertThat(() -> rolledBack(() -> append(failing, 1)
                        .call(first -> outbox.recordFailure(List.of(first.id()), "broker refused", RETRY_AT))
                        .chain(() -> append(failing, 2))
                        .chain(() -> append(other, 1))
                        .chain(() -> dueOf(NOW, failing, other))),
                due -> assertThat(due).containsExactly(other + "#1"));
    }

    @Test
    @RunOnVertxContext
    void onceItsBackoffIsOverAFailedRowIsDueAgainAheadOfTheEventsBehindIt(UniAsserter asserter) {
        UUID failing = UUID.randomUUID();
        asserter.assertThat(() -> rolledBack(() -> append(failing, 1)
                        .call(first -> outbox.recordFailure(List.of(first.id()), "broker refused", RETRY_AT))
                        .chain(() -> append(failing, 2))
                        .chain(() -> dueOf(RETRY_AT, failing))),
                due -> assertThat(due).containsExactly(failing + "#1", failing + "#2"));
    }

    @Test
    @RunOnVertxContext
    void aFailureIsCountedWithItsErrorCutToTheColumnsLength(UniAsserter asserter) {
        UUID order = UUID.randomUUID();
        String longError = "x".repeat(OutboxEvent.MAX_ERROR_LENGTH + 500);
        asserter.assertThat(() -> rolledBack(() -> append(order, 1)
                        .call(row -> outbox.recordFailure(List.of(row.id()), longError, RETRY_AT))
                        .call(row -> outbox.recordFailure(List.of(row.id()), longError, RETRY_AT))
                        // The updates went to the database, not to the row this session holds: read it again.
                        .call(() -> Panache.getSession().invoke(Mutiny.Session::clear))
                        .chain(row -> outbox.findById(row.id()))),
                row -> {
                    assertThat(row.attempts()).isEqualTo(2);
                    assertThat(row.lastError()).hasSize(OutboxEvent.MAX_ERROR_LENGTH);
                    assertThat(row.nextAttemptAt()).isEqualTo(RETRY_AT);
                    assertThat(row.sentAt()).isNull();
                });
    }

    /** Runs {@code work} in a transaction that ends in a rollback, whatever it did. */
    private static <T> Uni<T> rolledBack(Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> Panache.currentTransaction()
                .invoke(Mutiny.Transaction::markForRollback)
                .chain(() -> work.get()));
    }

    private Uni<OutboxEvent> append(UUID orderId, long sequence) {
        OrderSnapshot snapshot = new OrderSnapshot("customer-1", sequence == 1 ? OrderStatus.CREATED : OrderStatus.PAID,
                List.of(new OrderLine("product-1", 1, new BigDecimal("9.99"))), new BigDecimal("9.99"), false);
        OrderEvent event = new OrderEvent(TimeOrderedIds.next(), sequence == 1 ? EventType.ORDER_CREATED
                : EventType.ORDER_PAID, orderId, NOW, sequence, OrderEvent.CURRENT_VERSION, snapshot);
        return outbox.append(OutboxEvent.of(event, RequestTraceContext.NONE));
    }

    /** The rows of these orders a round would send at {@code now}, as "orderId#sequence", in the order returned. */
    private Uni<List<String>> dueOf(Instant now, UUID... orders) {
        Set<UUID> ours = Set.of(orders);
        return outbox.findDue(now, 500).map(rows -> rows.stream()
                .filter(row -> ours.contains(row.orderId()))
                .map(row -> row.orderId() + "#" + row.sequence())
                .toList());
    }
}
