package io.orderplatform.metrics;

import static io.orderplatform.metrics.MetricsTestSupport.orders;
import static io.orderplatform.metrics.MetricsTestSupport.product;
import static io.orderplatform.metrics.MetricsTestSupport.units;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.testsupport.DatabaseOutageDrill;
import io.orderplatform.testsupport.DatabaseOutageDrill.Fault;
import io.orderplatform.testsupport.OrderEventFixtures;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The database killed, or frozen, for 90 s while 500 events wait: the consumer pauses (live, not ready), resumes by
 * itself within seconds of the return, and counts every order once, dead-lettering none.
 */
@QuarkusTest
class LongDatabaseOutageTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the sales figures. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("metrics-tests", Roles.METRICS_READ, Roles.OPERATOR);
    }

    private static final Duration OUTAGE = Duration.ofSeconds(90);
    private static final int ORDERS = 250;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @AfterEach
    void databaseBack() {
        DatabaseOutageDrill.bringBack();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aLongOutagePausesConsumptionLosingDoublingAndDeadLetteringNothing(Fault fault) {
        String product = product("outage-" + fault.name().toLowerCase());
        List<OrderHistory> waiting = IntStream.range(0, ORDERS)
                .mapToObj(i -> order("c" + i, line(product, 1, "2.00"))).toList();

        DatabaseOutageDrill.run(companion, fault, OUTAGE, OrderEventFixtures.createdAndPaidRecords(waiting),
                Topics.METRICS_DLQ);

        assertThat(units(product)).isEqualTo(ORDERS);
        assertThat(orders(product)).isEqualTo(ORDERS);
    }
}
