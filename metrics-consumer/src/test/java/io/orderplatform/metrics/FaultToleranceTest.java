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

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.localstack.LocalKafkaCluster;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;
import io.orderplatform.testsupport.TestInfrastructure;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A stopped broker in the middle of a stream loses nothing and counts nothing twice (database outages:
 * {@link LongDatabaseOutageTest}).
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

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @AfterEach
    void everythingBackUp() {
        TestInfrastructure.get().kafkaCluster().ifPresent(cluster -> {
            for (int id : cluster.brokerIds()) {
                if (!cluster.isRunning(id)) {
                    cluster.startBroker(id, Duration.ofSeconds(60));
                }
            }
            cluster.awaitFullyReplicated(Topics.ORDER_EVENTS, Duration.ofSeconds(60));
        });
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
