package io.orderplatform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The dead-letter producer is as durable as the order-events producer. SmallRye 4.31 builds it with acks=1
 * unless the workaround in application.properties is in place; the Kafka client then logs that it disables
 * idempotence, which is what this test looks for in the application's log (ProducerConfig logs at INFO in tests).
 */
@QuarkusTest
class DeadLetterProducerConfigTest {

    @Test
    void noProducerOfThisServiceRunsWithAcksOneAndWithoutIdempotence() throws IOException {
        String log = Files.readString(Path.of("target", "quarkus.log"));

        assertThat(log).contains("kafka-dead-letter-topic-producer");
        assertThat(log).doesNotContain("Idempotence will be disabled because acks is set to 1");
    }
}
