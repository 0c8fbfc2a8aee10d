package io.orderplatform.order.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.orderplatform.contract.EventType;
import io.orderplatform.contract.OrderEvent;
import io.orderplatform.database.RequestDatabaseWork;
import io.orderplatform.order.domain.IdempotencyKey;
import io.orderplatform.order.domain.Order;
import io.orderplatform.order.domain.OrderAction;
import io.orderplatform.order.domain.OrderTransition;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.contract.TimeOrderedIds;
import io.orderplatform.order.mapping.OrderEventMapper;
import io.orderplatform.order.messaging.OutboxRelay;
import io.orderplatform.order.repository.OrderRepository;
import io.orderplatform.order.repository.OrderRepository.OrderFilter;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.tracing.RequestTraceContext;
import io.orderplatform.problem.KeysetPage;
import io.orderplatform.problem.PageCursor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Places orders and changes their status. Every state change is one transaction that updates the order and
 * appends its event to the outbox, so an event exists if and only if its change was committed; the
 * {@link OutboxRelay} then publishes it and is nudged right after the commit.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);

    private final OrderRepository orders;
    private final OutboxEventRepository outbox;
    private final OrderIntake intake;
    private final OutboxRelay relay;
    private final RequestDatabaseWork database;

    public OrderService(OrderRepository orders, OutboxEventRepository outbox,
            OrderIntake intake, OutboxRelay relay, RequestDatabaseWork database) {
        this.orders = orders;
        this.outbox = outbox;
        this.intake = intake;
        this.relay = relay;
        this.database = database;
    }

    /**
     * Places an order. With an idempotency key, the first request with the key creates the order, and every
     * later one with the same request gets that order back without creating anything. Stored by the
     * {@link OrderIntake}, together with the orders placed at the same moment.
     *
     * @param idempotencyKey the client's key, or null
     * @param client         whose key it is (the token's subject): keys of different clients never meet
     * @throws IdempotencyKeyReusedException (as the Uni's failure) when the key was used for a different request
     */
    public Uni<PlacedOrder> place(NewOrder newOrder, String idempotencyKey, String client) {
        Instant now = now();
        UUID orderId = TimeOrderedIds.next();
        Order order = Order.place(orderId, newOrder.customerId(), newOrder.lines(), now);
        OrderEvent created = OrderEventMapper.toEvent(order, EventType.ORDER_CREATED, now);
        IdempotencyKey key = idempotencyKey == null ? null
                : new IdempotencyKey(new IdempotencyKey.Id(client, idempotencyKey), RequestFingerprint.of(newOrder),
                        orderId, now);
        // Captured here, on the request: the intake writes it in a group with other requests' orders.
        OutboxEvent createdRow = OutboxEvent.of(created, RequestTraceContext.current());
        return database.run(() -> intake.store(order, createdRow, key)).flatMap(outcome -> {
            if (outcome instanceof OrderIntake.KeyExists existing) {
                LOG.debugf("Idempotency-Key %s was used before, for order %s", key.id(), existing.stored().orderId());
                return database.run(() -> Panache.withSession(() -> replay(existing.stored(), key.requestHash())));
            }
            LOG.debugf("Order %s placed: OrderCreated (event %s, sequence 1) in the outbox", orderId, created.eventId());
            return Uni.createFrom().item(new PlacedOrder(order, false));
        });
    }

    /**
     * The order, if {@code customerId} is null or owns it: another customer's order is not found, exactly like an
     * unknown id, so a customer cannot even learn that it exists.
     */
    public Uni<Order> find(UUID id, String customerId) {
        return database.run(() -> Panache.withSession(() -> orders.findWithLines(id)))
                .map(order -> ownedBy(order, customerId))
                .onItem().ifNull().failWith(() -> new OrderNotFoundException(id.toString()));
    }

    /** A page of {@code limit} orders that match, newest first, after the cursor (from the newest when null). */
    public Uni<KeysetPage<Order>> list(OrderFilter filter, PageCursor<UUID> after, int limit) {
        return database.run(() -> Panache.withSession(
                () -> orders.newestFirst(filter, after, KeysetPage.rowsToFetch(limit))))
                .map(rows -> KeysetPage.of(rows, limit, order -> new PageCursor<>(order.createdAt(), order.id())));
    }

    /**
     * Pays or cancels an order under its row lock, and appends the event with the order's next sequence.
     *
     * @param customerId null, or the only customer whose order may be changed (another's is not found)
     * @throws OrderNotFoundException (as the Uni's failure) when there is no such order (for this customer)
     * @throws io.orderplatform.order.domain.ForbiddenTransitionException (as the Uni's failure) when the order's
     *         status does not allow the action
     */
    public Uni<Order> apply(UUID id, OrderAction action, String customerId) {
        Instant now = now();
        RequestTraceContext trace = RequestTraceContext.current();
        return database.run(() -> Panache.withTransaction(() -> orders.findForUpdate(id)
                .map(order -> ownedBy(order, customerId))
                .onItem().ifNull().failWith(() -> new OrderNotFoundException(id.toString()))
                .flatMap(order -> {
                    OrderTransition transition = order.apply(action, now);
                    return appendEvent(order, transition.eventType(), now, trace).replaceWith(order);
                })))
                .invoke(relay::requestRound);
    }

    private static Order ownedBy(Order order, String customerId) {
        return order == null || customerId == null || customerId.equals(order.customerId()) ? order : null;
    }

    private Uni<PlacedOrder> replay(IdempotencyKey existing, String requestHash) {
        if (!existing.requestHash().equals(requestHash)) {
            return Uni.createFrom().failure(new IdempotencyKeyReusedException(existing.orderId()));
        }
        return orders.findWithLines(existing.orderId()).map(order -> new PlacedOrder(order, true));
    }

    private Uni<OutboxEvent> appendEvent(Order order, EventType type, Instant now, RequestTraceContext trace) {
        OrderEvent event = OrderEventMapper.toEvent(order, type, now);
        // Logged in the transaction: a rollback after this line is logged by whoever sees the failure.
        return outbox.append(OutboxEvent.of(event, trace)).invoke(() -> LOG.debugf(
                "Order %s now %s: %s (event %s, sequence %d) in the outbox", order.id(), order.status(),
                type.wireName(), event.eventId(), event.sequence()));
    }

    /** Microseconds: what TIMESTAMP(6) stores, so a re-read order shows the instants the caller saw. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
