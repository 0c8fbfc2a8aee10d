package io.orderplatform.order.messaging;

import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.pay;
import static io.orderplatform.order.support.OrderRequests.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.localstack.LocalKafkaCluster;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OrderEventsTopic;
import io.orderplatform.order.support.OutboxAwait;
import io.orderplatform.testsupport.TestInfrastructure;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A rolling restart of the brokers, as an operator upgrading Kafka does it: each broker in turn stopped (controlled
 * shutdown), started again, and the topic fully replicated before the next. With replication 3 and
 * {@code min.insync.replicas=2}, the two brokers left take every write, so orders placed while any one broker is
 * away are published while it is away, not when it is back; and every event reaches the topic, in order per order.
 */
@QuarkusTest
class BrokerRollingRestartTest {

    /** Every call of these tests carries a bearer token: the order desk's, which may act for any customer. */
    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    private static final Duration BROKER_START = Duration.ofSeconds(90);
    private static final Duration REPLICATED = Duration.ofSeconds(180);
    /**
     * Published with a broker away: leadership moves within seconds of a controlled shutdown, and the relay's
     * retries (delivery timeout 8 s in tests) follow it; far below the broker's own restart time.
     */
    private static final Duration PUBLISHED = Duration.ofSeconds(45);
    private static final int ORDERS_PER_BROKER = 10;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    OutboxEventRepository outbox;

    private LocalKafkaCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = TestInfrastructure.get().kafkaCluster()
                .orElseThrow(() -> new TestAbortedException("This test restarts brokers: it needs the local cluster"));
    }

    @AfterEach
    void restoreBrokers() {
        if (cluster != null) {
            cluster.restoreAllBrokers(Topics.ORDER_EVENTS, BROKER_START, REPLICATED);
        }
    }

    @Test
    void ordersPlacedWhileEachBrokerInTurnIsAwayArePublishedWithoutWaitingForIt() {
        List<UUID> placed = new ArrayList<>();
        int events = 0;
        for (int broker : cluster.brokerIds()) {
            cluster.stopBroker(broker);

            List<UUID> whileAway = new ArrayList<>();
            for (int i = 0; i < ORDERS_PER_BROKER; i++) {
                UUID order = placeOrder(newCustomerId());
                if (i % 2 == 0) {
                    pay(order).statusCode(200);
                }
                whileAway.add(order);
            }
            int eventsWhileAway = ORDERS_PER_BROKER + (ORDERS_PER_BROKER + 1) / 2;
            OutboxAwait.allSent(outbox, whileAway, eventsWhileAway, PUBLISHED);
            assertThat(cluster.isRunning(broker)).as("broker %d still away when its orders were published", broker)
                    .isFalse();

            cluster.startBroker(broker, BROKER_START);
            cluster.awaitFullyReplicated(Topics.ORDER_EVENTS, REPLICATED);
            placed.addAll(whileAway);
            events += eventsWhileAway;
        }

        List<OutboxEvent> rows = OutboxAwait.allSent(outbox, placed, events, PUBLISHED);
        OrderEventsTopic topic = new OrderEventsTopic(companion);
        topic.await(placed, events, Duration.ofSeconds(60));
        // A send whose ack was lost as a leader moved may have been written all the same, and is sent again.
        topic.assertEveryEventPublishedInOrder(placed, rows);
    }
}
