package io.orderplatform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The dead-letter producer is as durable as the order-events producer. SmallRye 4.31 builds it with acks=1
 * unless the workaround in application.properties is in place. In tests the Kafka client logs each producer's
 * effective configuration (AbstractConfig at INFO) and its decision to disable idempotence (ProducerConfig at
 * INFO): this test reads both in the application's log, which Quarkus starts afresh at each boot.
 */
@QuarkusTest
class DeadLetterProducerConfigTest {

    private static final String DLQ_PRODUCER = "kafka-dead-letter-topic-producer";

    @Test
    void theDeadLetterProducerRunsWithAcksAllAndIdempotence() throws IOException {
        List<String> producers = producerConfigBlocks(Files.readAllLines(Path.of("target", "quarkus.log")));
        List<String> deadLetterProducers = producers.stream().filter(block -> block.contains(DLQ_PRODUCER)).toList();

        assertThat(deadLetterProducers).isNotEmpty();
        assertThat(deadLetterProducers).allSatisfy(block -> {
            assertThat(block).contains("\tacks = -1\n");
            assertThat(block).contains("\tenable.idempotence = true\n");
        });
    }

    @Test
    void noProducerOfThisServiceRunsWithAcksOneAndWithoutIdempotence() throws IOException {
        String log = Files.readString(Path.of("target", "quarkus.log"));

        assertThat(log).contains(DLQ_PRODUCER);
        assertThat(log).doesNotContain("Idempotence will be disabled because acks is set to 1");
    }

    /** Each "ProducerConfig values:" block of the log: its indented "key = value" lines. */
    private static List<String> producerConfigBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (line.endsWith("ProducerConfig values: ")) {
                block = new StringBuilder();
                blocks.add(null);
            } else if (block != null && line.startsWith("\t")) {
                block.append(line).append('\n');
                blocks.set(blocks.size() - 1, block.toString());
            } else {
                block = null;
            }
        }
        blocks.removeIf(b -> b == null);
        return blocks;
    }
}
