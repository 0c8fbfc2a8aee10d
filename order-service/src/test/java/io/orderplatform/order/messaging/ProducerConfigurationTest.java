package io.orderplatform.order.messaging;

import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.Roles;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OutboxAwait;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * The producer of order-events really runs with the durability settings of application.properties: the
 * connector's default (acks=1) would silently lose acknowledged events when a leader dies.
 */
@QuarkusTest
class ProducerConfigurationTest {

    /** Every call of these tests carries a bearer token: the order desk's, which may act for any customer. */
    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    /** The client id SmallRye gives the producer of channel order-events. */
    private static final String CLIENT_ID = "kafka-producer-order-events";

    @Inject
    KafkaClientService kafka;

    @Inject
    OutboxEventRepository outbox;

    @Test
    void theChannelIsConfiguredForDurability() {
        Map<String, ?> config = kafka.getProducer("order-events").configuration();

        assertThat(String.valueOf(config.get(ProducerConfig.ACKS_CONFIG))).isEqualTo("all");
        assertThat(String.valueOf(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))).isEqualTo("true");
        assertThat(String.valueOf(config.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION))).isEqualTo("5");
        assertThat(String.valueOf(config.get(ProducerConfig.RETRIES_CONFIG))).isEqualTo("2147483647");
        assertThat(String.valueOf(config.get(ProducerConfig.LINGER_MS_CONFIG))).isEqualTo("5");
    }

    @Test
    void theKafkaClientReportsAcksAllAndIdempotence() throws IOException {
        // The client is created for the first send: publish one event first.
        UUID id = placeOrder(newCustomerId());
        OutboxAwait.allSent(outbox, List.of(id), 1, Duration.ofSeconds(60));

        String values = producerConfigValues(Files.readString(Path.of("target", "quarkus.log")));

        // acks=all is reported as -1.
        assertThat(values).contains("\tacks = -1\n", "\tenable.idempotence = true\n",
                "\tmax.in.flight.requests.per.connection = 5\n", "\tretries = 2147483647\n", "\tlinger.ms = 5\n",
                // The test profile's value (8000); production has 30000.
                "\tdelivery.timeout.ms = 8000\n");
    }

    /** The "ProducerConfig values" block the Kafka client logs for the producer of order-events. */
    private static String producerConfigValues(String log) {
        Matcher block = Pattern.compile("ProducerConfig values: \\n((?:\\t[^\\n]*\\n)+)").matcher(log);
        while (block.find()) {
            if (block.group(1).contains("\tclient.id = " + CLIENT_ID + "\n")) {
                return block.group(1);
            }
        }
        throw new AssertionError("The Kafka client logged no configuration for " + CLIENT_ID);
    }
}
