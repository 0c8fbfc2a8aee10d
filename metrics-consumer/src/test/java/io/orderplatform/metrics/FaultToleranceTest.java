package io.orderplatform.metrics;

import static io.orderplatform.metrics.MetricsTestSupport.orders;
import static io.orderplatform.metrics.MetricsTestSupport.product;
import static io.orderplatform.metrics.MetricsTestSupport.revenue;
import static io.orderplatform.metrics.MetricsTestSupport.units;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import io.orderplatform.contract.Roles;
import io.orderplatform.contract.TopicDefinitions;
import io.orderplatform.contract.Topics;
import io.orderplatform.localstack.LocalKafkaCluster;
import io.orderplatform.testsupport.DatabaseOutageDrill;
import io.orderplatform.testsupport.DatabaseOutageDrill.Fault;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;
import io.orderplatform.testsupport.TestInfrastructure;
import io.orderplatform.testsupport.ServiceMetrics;
import io.orderplatform.testsupport.Tokens;
import io.orderplatform.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerBuilder;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A stopped broker or a rebalance in the middle of a stream loses nothing and counts nothing twice (database
 * outages: {@link LongDatabaseOutageTest}).
 */
@QuarkusTest
class FaultToleranceTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the sales figures. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("metrics-tests", Roles.METRICS_READ, Roles.OPERATOR);
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int ORDERS = 40;
    private static final String GROUP = "metrics-consumer";
    private static final int PARTITIONS = TopicDefinitions.named(Topics.ORDER_EVENTS).partitions();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @AfterEach
    void everythingBackUp() {
        DatabaseOutageDrill.bringBack();
        TestInfrastructure.get().kafkaCluster().ifPresent(cluster -> cluster.restoreAllBrokers(Topics.ORDER_EVENTS,
                Duration.ofSeconds(60), Duration.ofSeconds(60)));
    }

    @Test
    void aBrokerStoppedWhileConsumingLosesAndDoublesNothing() {
        LocalKafkaCluster cluster = TestInfrastructure.get().kafkaCluster()
                .orElseThrow(() -> new TestAbortedException("needs the local Kafka cluster"));
        String product = product("broker");
        List<OrderHistory> orders = newOrders(product);
        produce(orders.subList(0, ORDERS / 2));

        cluster.stopBroker(cluster.brokerIds().get(0));
        produce(orders.subList(ORDERS / 2, ORDERS));

        await().atMost(TIMEOUT).until(() -> units(product) == ORDERS);
        assertThat(orders(product)).isEqualTo(ORDERS);
        assertThat(revenue(product)).isEqualByComparingTo(String.valueOf(ORDERS * 2));
    }

    /**
     * Another member joins the service's group while the service holds a batch it cannot apply (its database is
     * away), reads the records of the partitions it is given, and leaves without committing: the held records'
     * partitions are taken from the service and given back, so once the database is back the service applies the
     * held batch and then reads the same records again from its last committed offsets. Each is applied once; the
     * second reading is skipped as a duplicate, and nothing is dead-lettered.
     */
    @Test
    void aRebalanceWhileABatchIsHeldLosesAndDoublesNothing() {
        String product = product("rebalance");
        List<OrderHistory> orders = newOrders(product);
        double duplicatesBefore = ServiceMetrics.value("order_events_duplicates_total");

        DatabaseOutageDrill.takeAway(Fault.KILLED);
        produce(orders);
        await("paused, a batch in hand").atMost(TIMEOUT)
                .until(() -> ServiceMetrics.value("order_events_consumer_paused") == 1);
        try (ConsumerBuilder<String, String> member = companion.consumeStrings().withGroupId(GROUP)) {
            member.fromTopics(Topics.ORDER_EVENTS).awaitRecords(1, TIMEOUT);
            assertThat(member.currentAssignment()).as("partitions taken from the service").isNotEmpty();
        }
        await("every partition back with the service").atMost(TIMEOUT).until(this::serviceHoldsEveryPartition);
        DatabaseOutageDrill.bringBack();

        awaitEveryPartitionHandledUpToHere();
        assertThat(units(product)).isEqualTo(ORDERS);
        assertThat(orders(product)).isEqualTo(ORDERS);
        assertThat(revenue(product)).isEqualByComparingTo(String.valueOf(ORDERS * 2));
        assertThat(ServiceMetrics.value("order_events_duplicates_total") - duplicatesBefore)
                .as("held events read again after the rebalance, and skipped").isPositive();
        Set<String> keys = orders.stream().map(order -> order.orderId().toString()).collect(Collectors.toSet());
        assertThat(TopicReader.readAllNow(companion, Topics.METRICS_DLQ, r -> keys.contains(r.key()))).isEmpty();
    }

    /**
     * Produces an order to each partition and waits until all are counted: a partition's records are handled in
     * order, so everything produced before, held and read again included, has been applied or skipped by then.
     */
    private void awaitEveryPartitionHandledUpToHere() {
        String barrier = product("barrier");
        for (int partition = 0; partition < PARTITIONS; partition++) {
            OrderHistory order = order("barrier", line(barrier, 1, "2.00"));
            MetricsTestSupport.produce(companion, partition, order.created(), order.paid());
        }
        await("an order produced to each partition afterwards counted").atMost(TIMEOUT)
                .until(() -> units(barrier) == PARTITIONS);
    }

    /** One member left in the service's group, and it has every partition of order-events. */
    private boolean serviceHoldsEveryPartition() {
        ConsumerGroupDescription group = companion.consumerGroups().describe(GROUP);
        return group.members().size() == 1 && group.members().iterator().next().assignment().topicPartitions()
                .stream().filter(p -> p.topic().equals(Topics.ORDER_EVENTS)).count() == PARTITIONS;
    }

    /** Orders of one unit at 2.00 each, spread over all partitions by their keys. */
    private static List<OrderHistory> newOrders(String product) {
        List<OrderHistory> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(order("c" + i, line(product, 1, "2.00")));
        }
        return orders;
    }

    private void produce(List<OrderHistory> orders) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (OrderHistory order : orders) {
            records.add(OrderEventFixtures.record(order.created()));
            records.add(OrderEventFixtures.record(order.paid()));
        }
        companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
    }
}
