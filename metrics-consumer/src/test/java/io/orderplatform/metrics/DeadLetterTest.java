package io.orderplatform.metrics;

import static io.orderplatform.metrics.MetricsTestSupport.anyPartition;
import static io.orderplatform.metrics.MetricsTestSupport.produce;
import static io.orderplatform.metrics.MetricsTestSupport.product;
import static io.orderplatform.metrics.MetricsTestSupport.units;
import static io.orderplatform.testsupport.OrderEventFixtures.line;
import static io.orderplatform.testsupport.OrderEventFixtures.order;
import static io.orderplatform.testsupport.PoisonRecords.utf8;
import static io.orderplatform.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.OrderEvent;
import io.orderplatform.contract.Roles;
import io.orderplatform.contract.Topics;
import io.orderplatform.testsupport.OrderEventFixtures.OrderHistory;
import io.orderplatform.testsupport.PoisonRecords;
import io.orderplatform.testsupport.PoisonRecords.Poison;
import io.orderplatform.testsupport.Tokens;
import io.orderplatform.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Each kind of poison record lands in this group's dead-letter topic, intact and explained; the rest go on. */
@QuarkusTest
class DeadLetterTest {

    /** Every call of these tests carries a bearer token: an operator's, who also reads the sales figures. */
    @BeforeEach
    void callAsAnOperator() {
        Tokens.callAs("metrics-tests", Roles.METRICS_READ, Roles.OPERATOR);
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void everyPoisonKindIsDeadLetteredWithItsOriginalBytesKeyHeadersAndReasonAndTheConsumerGoesOn() {
        OrderEvent valid = order("c1", line(product("x"), 1, "1.00")).created();
        List<Poison> poisons = PoisonRecords.everyKind(valid);
        int partition = anyPartition();

        List<RecordMetadata> written = PoisonRecords.produce(companion, poisons, valid, partition, TIMEOUT);
        String after = product("after-poison");
        OrderHistory next = order("c2", line(after, 4, "2.50"));
        produce(companion, partition, next.created(), next.paid());

        PoisonRecords.assertDeadLettered(companion, Topics.METRICS_DLQ, poisons, written, valid, TIMEOUT);
        // The valid order behind the poison in the same partition is applied: the consumer went on.
        await().atMost(TIMEOUT).until(() -> units(after) == 4);
    }

    @Test
    void theReasonOfASchemaViolationNamesTheBadField() {
        OrderEvent event = order("c1", line(product("y"), 1, "1.00")).created();
        String key = UUID.randomUUID().toString();
        companion.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>(Topics.ORDER_EVENTS, key,
                        utf8(PoisonRecords.withoutField(event, "eventId"))))
                .awaitCompletion();

        ConsumerRecord<String, byte[]> deadLetter = TopicReader.awaitKeys(companion, Topics.METRICS_DLQ,
                List.of(key), 1, TIMEOUT).get(0);

        assertThat(header(deadLetter, "dead-letter-reason")).contains("eventId");
    }
}
