package io.orderplatform.localstack.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.EventHeaders;
import io.orderplatform.contract.InvalidEventException;
import io.orderplatform.contract.Topics;

/**
 * Puts bad and repeated records on {@code order-events} beside the real ones, with a plain producer (acks=all,
 * idempotent): exact copies (same partition, key, value bytes and headers) of real events already on the topic,
 * picked at random, as many as 10 % of the events the load is planned to make, and poison records made from them, one
 * kind after the other, as many as 1 %.
 * <p>
 * They are spread evenly over the load or the faults, whichever is planned to last longer, and go on at that pace
 * until both are over: this producer does not depend on order-service's database, so its records keep arriving while
 * the database is down or frozen (when order-service publishes nothing) and the consumers must deal with them then,
 * as they would with another producer's records or a replay. The ledger shows the shares they came to.
 * <p>
 * The real events come from following the topic from where it ended when the run began (no consumer group). The
 * poison kinds are those the consumers' tests use (infra/test-support PoisonRecords, which local-stack cannot depend
 * on: test-support depends on local-stack), plus a null value. Each poison record's key starts with
 * {@value #POISON_KEY_PREFIX} and the run id, which tells it apart in the dead-letter topics.
 */
final class RecordInjector implements AutoCloseable {

    static final String POISON_KEY_PREFIX = "chaos-poison-";
    static final double DUPLICATE_SHARE = 0.10;
    static final double POISON_SHARE = 0.01;
    /** Real events kept to copy from; beyond this, new ones replace random old ones (a reservoir sample). */
    private static final int POOL_SIZE = 20_000;

    /** The poison records, with the kind of reason the consumers must give when dead-lettering them. */
    enum PoisonKind {
        MALFORMED_JSON("malformed JSON", InvalidEventException.Kind.MALFORMED_JSON),
        NOT_UTF8("not UTF-8", InvalidEventException.Kind.MALFORMED_JSON),
        NOT_AN_OBJECT("not an object", InvalidEventException.Kind.NOT_AN_OBJECT),
        UNKNOWN_TYPE("unknown event type", InvalidEventException.Kind.SCHEMA_VIOLATION),
        NO_EVENT_ID("no eventId", InvalidEventException.Kind.SCHEMA_VIOLATION),
        INVALID_PAYLOAD("quantity 0", InvalidEventException.Kind.SCHEMA_VIOLATION),
        KEY_NOT_ORDER_ID("key is not the orderId", InvalidEventException.Kind.RECORD_MISMATCH),
        NULL_VALUE("null value", InvalidEventException.Kind.MALFORMED_JSON);

        final String description;
        final InvalidEventException.Kind expectedReason;

        PoisonKind(String description, InvalidEventException.Kind expectedReason) {
            this.description = description;
            this.expectedReason = expectedReason;
        }

        /** The poison value made from a valid event's JSON (the key never is that event's orderId). */
        byte[] value(String validEvent) {
            return switch (this) {
                case MALFORMED_JSON -> utf8("{\"eventId\": \"" + UUID.randomUUID() + "\", ");
                case NOT_UTF8 -> new byte[] { (byte) 0xC3, (byte) 0x28, '{', '}' };
                case NOT_AN_OBJECT -> utf8("[1, 2, 3]");
                case UNKNOWN_TYPE -> utf8(document(validEvent).put("eventType", "OrderShipped").toString());
                case NO_EVENT_ID -> {
                    ObjectNode document = document(validEvent);
                    document.remove("eventId");
                    yield utf8(document.toString());
                }
                case INVALID_PAYLOAD -> {
                    ObjectNode document = document(validEvent);
                    ((ObjectNode) document.get("payload").get("items").get(0)).put("quantity", 0);
                    yield utf8(document.toString());
                }
                case KEY_NOT_ORDER_ID -> utf8(validEvent);
                case NULL_VALUE -> null;
            };
        }
    }

    /** A poison record the broker acknowledged, and where it landed. */
    record Poison(String key, PoisonKind kind, int partition, long offset) {
    }

    private final String runId;
    private final Timeline timeline;
    /** The events the load is planned to make, per second of the span the injection is spread over. */
    private final double plannedEventsPerSecond;
    private final KafkaConsumer<byte[], byte[]> follower;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Random random = new Random(42);
    private final Set<String> seenEventIds = new HashSet<>();
    private final List<ConsumerRecord<byte[], byte[]>> pool = new ArrayList<>();
    private final List<Poison> poisons = new ArrayList<>();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private long duplicatesSent;
    private int poisonsSent;
    private volatile boolean stopped;
    private Thread thread;

    /**
     * Starts following the topic from its current end: what the run will add.
     *
     * @param plannedEvents the events the load is to make
     * @param spreadOver how long the load or the faults are planned to last, whichever is longer
     */
    RecordInjector(Map<String, Object> clientConfig, String runId, Timeline timeline, double plannedEvents,
            Duration spreadOver) {
        this.runId = runId;
        this.timeline = timeline;
        this.plannedEventsPerSecond = plannedEvents / Math.max(1, spreadOver.toSeconds());
        Properties consumer = new Properties();
        consumer.putAll(clientConfig);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.follower = new KafkaConsumer<>(consumer);
        List<TopicPartition> partitions = follower.partitionsFor(Topics.ORDER_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        follower.assign(partitions); // no group: reading changes nothing for the consumer services
        follower.seekToEnd(partitions);
        partitions.forEach(follower::position); // fixes the start now, not at the first poll

        Properties producerConfig = new Properties();
        producerConfig.putAll(clientConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(producerConfig);
    }

    void start() {
        thread = new Thread(this::run, "record-injector");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops injecting (the load and the faults are over) and waits until every injected record is acknowledged. */
    void finish() throws InterruptedException {
        stopped = true;
        thread.join(TimeUnit.SECONDS.toMillis(30));
        producer.flush();
    }

    synchronized List<Poison> poisons() {
        return List.copyOf(poisons);
    }

    /** Duplicates the broker acknowledged. */
    long duplicates() {
        return duplicates.get();
    }

    long failedSends() {
        return failedSends.get();
    }

    @Override
    public void close() {
        stopped = true;
        producer.close(Duration.ofSeconds(30));
    }

    private void run() {
        long start = System.nanoTime();
        try (follower) {
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> record : follower.poll(Duration.ofMillis(200))) {
                    remember(record);
                }
                if (pool.isEmpty()) {
                    continue; // nothing to copy yet: what is due is made up for once there is
                }
                double due = plannedEventsPerSecond * (System.nanoTime() - start) / 1e9;
                while (duplicatesSent < (long) (due * DUPLICATE_SHARE)) {
                    duplicate(pick());
                }
                while (poisonsSent < (long) (due * POISON_SHARE)) {
                    poison(pick());
                }
            }
        } catch (RuntimeException e) {
            timeline.progress("injector: stopped by %s", e);
        }
    }

    /** Keeps a real event of the run (each eventId once) to copy from. */
    private void remember(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        Header eventId = record.headers().lastHeader(EventHeaders.EVENT_ID);
        if (key == null || key.startsWith(POISON_KEY_PREFIX) || eventId == null || record.value() == null) {
            return; // not a real event: something injected, or someone's test record
        }
        if (!seenEventIds.add(new String(eventId.value(), StandardCharsets.UTF_8))) {
            return; // a copy (ours, or the relay's re-send)
        }
        if (pool.size() < POOL_SIZE) {
            pool.add(record);
        } else {
            int slot = random.nextInt(seenEventIds.size());
            if (slot < POOL_SIZE) {
                pool.set(slot, record);
            }
        }
    }

    private ConsumerRecord<byte[], byte[]> pick() {
        return pool.get(random.nextInt(pool.size()));
    }

    private void duplicate(ConsumerRecord<byte[], byte[]> record) {
        duplicatesSent++;
        ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(record.topic(), record.partition(), record.key(),
                record.value(), new RecordHeaders(record.headers().toArray()));
        producer.send(copy, (metadata, error) -> {
            if (error == null) {
                duplicates.incrementAndGet();
            } else {
                failedSends.incrementAndGet();
            }
        });
    }

    private void poison(ConsumerRecord<byte[], byte[]> source) {
        PoisonKind kind = PoisonKind.values()[poisonsSent++ % PoisonKind.values().length];
        String key = POISON_KEY_PREFIX + runId + "-" + poisonsSent + "-" + kind.name().toLowerCase(Locale.ROOT);
        byte[] value = kind.value(new String(source.value(), StandardCharsets.UTF_8));
        // The source event's headers, as a real producer's bad record would carry (PoisonRecords does the same).
        ProducerRecord<byte[], byte[]> poison = new ProducerRecord<>(Topics.ORDER_EVENTS, null,
                key.getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(source.headers().toArray()));
        producer.send(poison, (metadata, error) -> {
            if (error == null) {
                synchronized (this) {
                    poisons.add(new Poison(key, kind, metadata.partition(), metadata.offset()));
                }
            } else {
                failedSends.incrementAndGet();
                timeline.progress("injector: poison %s not written: %s", key, error);
            }
        });
    }

    private static ObjectNode document(String json) {
        return (ObjectNode) EventContract.readTree(json);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
