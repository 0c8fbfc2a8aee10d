package io.orderplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Kafka clients of the application under test say about themselves in its log ({@code target/quarkus.log},
 * written in tests with the Kafka client configuration categories at INFO). SmallRye 4.31 builds the dead-letter
 * producer with acks=1 unless the service works around it; this is how the tests see which it got.
 */
public final class KafkaClientLog {

    private static final Path LOG = Path.of("target", "quarkus.log");
    private static final String DEAD_LETTER_PRODUCER = "kafka-dead-letter-topic-producer";

    private KafkaClientLog() {
    }

    /** The dead-letter producer runs with acks=all and idempotence, and no producer ran with acks=1. */
    public static void assertDeadLetterProducerIsDurable() {
        String log = read();
        List<String> deadLetterProducers = producerConfigs(log).stream()
                .filter(block -> block.contains(DEAD_LETTER_PRODUCER)).toList();

        assertThat(deadLetterProducers).as("dead-letter producer configurations in " + LOG).isNotEmpty();
        assertThat(deadLetterProducers).allSatisfy(block -> {
            assertThat(block).contains("\tacks = -1\n");
            assertThat(block).contains("\tenable.idempotence = true\n");
        });
        assertThat(log).doesNotContain("Idempotence will be disabled because acks is set to 1");
    }

    /**
     * The dead-letter producers, like every other producer and consumer of the application, log in with SASL_SSL and
     * SCRAM-SHA-512 (the test cluster has nothing else): SmallRye derives them from the incoming channel, which gets
     * the kafka.* security keys.
     */
    public static void assertDeadLetterProducerUsesSaslSsl() {
        String log = read();
        List<String> clients = new ArrayList<>(producerConfigs(log));
        clients.addAll(configs(log, "ConsumerConfig values: "));
        assertThat(clients.stream().filter(block -> block.contains(DEAD_LETTER_PRODUCER)))
                .as("dead-letter producer configurations in " + LOG).isNotEmpty();
        assertThat(clients).allSatisfy(block -> {
            assertThat(block).contains("\tsecurity.protocol = SASL_SSL\n");
            assertThat(block).contains("\tsasl.mechanism = SCRAM-SHA-512\n");
        });
    }

    /** Each "ProducerConfig values:" block of the log: its indented "key = value" lines. */
    static List<String> producerConfigs(String log) {
        return configs(log, "ProducerConfig values: ");
    }

    private static List<String> configs(String log, String header) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : log.lines().toList()) {
            if (line.endsWith(header)) {
                block = new StringBuilder();
                blocks.add("");
            } else if (block != null && line.startsWith("\t")) {
                block.append(line).append('\n');
                blocks.set(blocks.size() - 1, block.toString());
            } else {
                block = null;
            }
        }
        blocks.removeIf(String::isEmpty);
        return blocks;
    }

    private static String read() {
        try {
            return Files.readString(LOG);
        } catch (IOException e) {
            throw new UncheckedIOException("No application log at " + LOG
                    + ": set %test.quarkus.log.file.enabled=true and path target/quarkus.log", e);
        }
    }
}
