package io.orderplatform.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads {@code kafka/topics.json}, the one definition of every topic of the platform. */
public final class TopicDefinitions {

    public static final String RESOURCE = "kafka/topics.json";

    /** One topic: its name, partitions, replication factor and topic-level configuration. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Topic(String name, String purpose, int partitions, short replicationFactor,
            Map<String, String> config) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record File(List<Topic> topics) {
    }

    private TopicDefinitions() {
    }

    public static List<Topic> all() {
        try (InputStream in = TopicDefinitions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return List.copyOf(new ObjectMapper().readValue(in, File.class).topics());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    public static Topic named(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No topic named " + name + " in " + RESOURCE));
    }
}
