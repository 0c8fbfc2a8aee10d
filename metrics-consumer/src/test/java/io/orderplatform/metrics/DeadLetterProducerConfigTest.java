package io.orderplatform.metrics;

import org.junit.jupiter.api.Test;

import io.orderplatform.testsupport.KafkaClientLog;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dead-letter producer is as durable as the order-events producer: acks=all and idempotent, which SmallRye
 * 4.31 gives it only with the workaround in application.properties.
 */
@QuarkusTest
class DeadLetterProducerConfigTest {

    @Test
    void theDeadLetterProducerRunsWithAcksAllAndIdempotence() {
        KafkaClientLog.assertDeadLetterProducerIsDurable();
    }

    @Test
    void theDeadLetterProducerLogsInWithSaslSsl() {
        KafkaClientLog.assertDeadLetterProducerUsesSaslSsl();
    }
}
