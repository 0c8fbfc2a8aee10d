package io.orderplatform.order.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.orderplatform.database.DatabaseUnavailableException;
import io.orderplatform.order.domain.IdempotencyKey;
import io.orderplatform.order.domain.Order;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.messaging.OutboxRelay;
import io.orderplatform.order.repository.NewOrderStatements;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Stores new orders in groups: the orders that arrive while a group is being written wait and go together in the
 * next transaction, one statement per table ({@link NewOrderStatements}). Under load one commit (and one fsync)
 * serves many orders; alone, an order is written at once, so grouping adds no latency. Each order is answered only
 * after its group committed.
 * <p>
 * One request cannot fail another's: when a group is refused for anything but an unavailable database (a key
 * another instance stored meanwhile, a row the database rejects), each of its orders is written again on its own.
 * A key stored before is never overwritten: the request is answered from it ({@link KeyExists}).
 */
// Created at start, not at the first order: its meters must exist before (an alert reads a missing one as no data).
@Startup
@ApplicationScoped
public class OrderIntake {

    private static final Logger LOG = Logger.getLogger(OrderIntake.class);

    private final Pool pool;
    private final NewOrderStatements statements;
    private final OutboxRelay relay;
    private final int maxGroupSize;
    private final int groupsInFlight;
    private final int capacity;

    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    /** Orders taken but not yet answered, and waiting ones: what {@code capacity} bounds. */
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger writing = new AtomicInteger();

    private final DistributionSummary groupSizes;

    public OrderIntake(Pool pool, NewOrderStatements statements, OutboxRelay relay, IntakeConfig config,
            MeterRegistry registry) {
        this.pool = pool;
        this.statements = statements;
        this.relay = relay;
        this.maxGroupSize = config.maxGroupSize();
        this.groupsInFlight = config.groupsInFlight();
        this.capacity = config.capacity();
        this.groupSizes = DistributionSummary.builder("order_intake_group_orders")
                .description("New orders stored per transaction by the intake").register(registry);
        Gauge.builder("order_intake_waiting_orders", accepted, AtomicInteger::get)
                .description("New orders waiting to be stored or being stored").register(registry);
    }

    /** What became of a new order. */
    public sealed interface Outcome {
    }

    /** Stored, with its OrderCreated event in the outbox. */
    public record Stored(Order order) implements Outcome {
    }

    /** Not stored: its idempotency key was stored before, by this request's earlier try or a different one. */
    public record KeyExists(IdempotencyKey stored) implements Outcome {
    }

    /**
     * Stores the order with its OrderCreated outbox row and, when not null, its idempotency key. Never cancelled
     * halfway: a caller that stops waiting (client gone) leaves the order to be stored all the same.
     */
    public Uni<Outcome> store(Order order, OutboxEvent created, IdempotencyKey key) {
        return Uni.createFrom().emitter(emitter -> {
            if (accepted.incrementAndGet() > capacity) {
                accepted.decrementAndGet();
                emitter.fail(new DatabaseUnavailableException(
                        "More than " + capacity + " new orders are waiting for the database"));
                return;
            }
            // The request goes on (a replay's read, its answer) on its own context, where its Hibernate session lives,
            // never on the group's: the orders of a group would otherwise share one session at the same time.
            waiting.add(new Pending(order, created, key, emitter, Vertx.currentContext()));
            writeWaiting();
        });
    }

    /** Starts groups while orders wait and fewer than {@code groupsInFlight} are being written. */
    private void writeWaiting() {
        while (!waiting.isEmpty()) {
            int inFlight = writing.get();
            if (inFlight >= groupsInFlight) {
                return; // the end of a running group looks again
            }
            if (!writing.compareAndSet(inFlight, inFlight + 1)) {
                continue;
            }
            List<Pending> group = takeGroup();
            if (group.isEmpty()) {
                writing.decrementAndGet();
                continue;
            }
            write(group).subscribe().with(ignored -> groupDone(), failure -> groupDone());
        }
    }

    private void groupDone() {
        writing.decrementAndGet();
        writeWaiting();
    }

    /**
     * Up to {@code maxGroupSize} waiting orders, one per idempotency key: a second request with a key already in
     * the group (a client's quick retry) goes to a later group, where it finds the key stored.
     */
    private List<Pending> takeGroup() {
        List<Pending> group = new ArrayList<>();
        List<Pending> later = new ArrayList<>();
        Set<IdempotencyKey.Id> keys = new HashSet<>();
        Pending next;
        while (group.size() < maxGroupSize && (next = waiting.poll()) != null) {
            if (next.key() != null && !keys.add(next.key().id())) {
                later.add(next);
            } else {
                group.add(next);
            }
        }
        waiting.addAll(later);
        return group;
    }

    /** Writes the group and answers each of its orders; completes (never fails) once all are answered. */
    private Uni<Void> write(List<Pending> group) {
        return pool.withTransaction(connection -> writeGroup(connection, group))
                .invoke(stored -> {
                    groupSizes.record(group.size());
                    relay.requestRound();
                    group.forEach(pending -> answer(pending, stored.containsKey(pending.keyId())
                            ? new KeyExists(stored.get(pending.keyId()))
                            : new Stored(pending.order())));
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> afterRefusedGroup(group, failure));
    }

    /** The keys the group's orders have that were stored before; the orders with none of those are inserted. */
    private Uni<Map<IdempotencyKey.Id, IdempotencyKey>> writeGroup(SqlConnection connection, List<Pending> group) {
        List<IdempotencyKey.Id> keyIds = group.stream().filter(pending -> pending.key() != null)
                .map(Pending::keyId).toList();
        return statements.findKeys(connection, keyIds).call(stored -> {
            List<Pending> inserted = group.stream().filter(pending -> !stored.containsKey(pending.keyId())).toList();
            return statements.insertKeys(connection, inserted.stream().map(Pending::key)
                            .filter(key -> key != null).toList())
                    .call(() -> statements.insert(connection, inserted.stream().map(Pending::order).toList(),
                            inserted.stream().map(Pending::created).toList()));
        });
    }

    private Uni<Void> afterRefusedGroup(List<Pending> group, Throwable failure) {
        if (DatabaseUnavailableException.isCause(failure)) {
            // Trying them one by one would only wait for the same database again.
            group.forEach(pending -> fail(pending, failure));
            return Uni.createFrom().voidItem();
        }
        if (group.size() > 1) {
            LOG.debugf("A group of %d new orders was refused (%s); writing each on its own", group.size(), failure);
            return Multi.createFrom().iterable(group)
                    .onItem().transformToUniAndConcatenate(pending -> write(List.of(pending)))
                    .collect().last().replaceWithVoid();
        }
        Pending pending = group.get(0);
        if (pending.key() != null && PersistenceErrors.isDuplicateKey(failure)) {
            // A concurrent request (another instance, an earlier group) stored the key first: answer from it.
            return pool.withConnection(connection -> statements.findKeys(connection, List.of(pending.keyId())))
                    .invoke(stored -> answer(pending, new KeyExists(stored.get(pending.keyId()))))
                    .replaceWithVoid()
                    .onFailure().recoverWithItem(lookupFailure -> {
                        fail(pending, lookupFailure);
                        return null;
                    });
        }
        fail(pending, failure);
        return Uni.createFrom().voidItem();
    }

    private void answer(Pending pending, Outcome outcome) {
        accepted.decrementAndGet();
        // The request may have stopped waiting (client gone): its answer is dropped, its order stays stored.
        pending.onRequestContext(() -> pending.emitter().complete(outcome));
    }

    private void fail(Pending pending, Throwable failure) {
        accepted.decrementAndGet();
        pending.onRequestContext(() -> pending.emitter().fail(failure));
    }

    /** An order waiting to be stored, and how to answer its request. */
    private record Pending(Order order, OutboxEvent created, IdempotencyKey key, UniEmitter<? super Outcome> emitter,
            Context requestContext) {

        void onRequestContext(Runnable action) {
            if (requestContext == null) {
                action.run();
            } else {
                requestContext.runOnContext(ignored -> action.run());
            }
        }

        IdempotencyKey.Id keyId() {
            return key == null ? null : key.id();
        }
    }
}
