package io.orderplatform.localstack.chaos;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.orderplatform.contract.Topics;

/**
 * Waits until the run's events have gone all the way: first the outbox relay has sent every event, then both
 * consumer groups have committed up to the end of order-events (lag 0) and stay there. Gives up when nothing moves
 * for a while: a consumer stuck (its channel closed, its process gone) must show in the ledger, not hang the run.
 */
final class CatchUp {

    static final List<String> GROUPS = List.of("metrics-consumer", "audit-consumer");
    private static final Duration POLL = Duration.ofSeconds(2);
    /** Lag 0 for this long, with no offset moving, counts as caught up. */
    private static final Duration SETTLED = Duration.ofSeconds(6);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    /** A consumer group as the ledger shows it. */
    record GroupState(String group, long lag, String state, int members) {
    }

    /** How the wait ended. */
    record Result(boolean caughtUp, String how, Duration took, List<GroupState> groups) {
    }

    private final RunningStack stack;
    private final Timeline timeline;

    CatchUp(RunningStack stack, Timeline timeline) {
        this.stack = stack;
        this.timeline = timeline;
    }

    /** Waits until no outbox event is unsent; returns how long that took, empty if not within {@code timeout}. */
    Optional<Duration> awaitOutboxSent(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long nextReport = start;
        while (true) {
            long unsent = unsentOutboxEvents();
            if (unsent == 0) {
                timeline.progress("catch-up: every outbox event is sent (%s)", Timeline.seconds(since(start)));
                return Optional.of(since(start));
            }
            if (since(start).compareTo(timeout) > 0) {
                timeline.progress("catch-up: %d outbox events still unsent after %s", unsent, Timeline.seconds(timeout));
                return Optional.empty();
            }
            if (System.nanoTime() >= nextReport) {
                timeline.progress("catch-up: %s outbox events unsent", unsent < 0 ? "?" : String.valueOf(unsent));
                nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
            }
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
    }

    /**
     * Waits until both groups have lag 0 on order-events, settled; or nothing moved for {@code stall}; or
     * {@code timeout}.
     */
    Result awaitConsumers(Duration timeout, Duration stall) throws InterruptedException {
        long start = System.nanoTime();
        long lastMove = start;
        long settledSince = -1;
        long nextReport = start;
        Map<String, Long> lastCommitted = Map.of();
        try (Admin admin = stack.admin()) {
            while (true) {
                Map<String, Long> committed = new LinkedHashMap<>();
                Map<String, Long> lags = new LinkedHashMap<>();
                try {
                    Map<TopicPartition, Long> ends = offsets(admin, OffsetSpec.latest());
                    Map<TopicPartition, Long> starts = offsets(admin, OffsetSpec.earliest());
                    for (String group : GROUPS) {
                        Map<TopicPartition, Long> groupOffsets = committed(admin, group);
                        long lag = 0;
                        long sum = 0;
                        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                            long position = groupOffsets.getOrDefault(end.getKey(), starts.get(end.getKey()));
                            lag += Math.max(0, end.getValue() - position);
                            sum += position;
                        }
                        committed.put(group, sum);
                        lags.put(group, lag);
                    }
                } catch (IllegalStateException e) {
                    timeline.progress("catch-up: %s; asking again", e.getMessage());
                    TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
                    continue;
                }
                long now = System.nanoTime();
                if (!committed.equals(lastCommitted)) {
                    lastMove = now;
                    lastCommitted = committed;
                }
                boolean zero = lags.values().stream().allMatch(lag -> lag == 0);
                settledSince = zero ? (settledSince < 0 ? now : settledSince) : -1;
                if (zero && now - settledSince >= SETTLED.toNanos() && now - lastMove >= SETTLED.toNanos()) {
                    return result(admin, true, "lag 0 for both groups", start, lags);
                }
                if (!zero && now - lastMove > stall.toNanos()) {
                    return result(admin, false, "no progress for " + Timeline.seconds(stall) + " with lag left", start,
                            lags);
                }
                if (now - start > timeout.toNanos()) {
                    return result(admin, false, "timed out after " + Timeline.seconds(timeout), start, lags);
                }
                if (now >= nextReport) {
                    timeline.progress("catch-up: lag on %s %s", Topics.ORDER_EVENTS, lags);
                    nextReport = now + REPORT_EVERY.toNanos();
                }
                TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
            }
        }
    }

    private Result result(Admin admin, boolean caughtUp, String how, long start, Map<String, Long> lags) {
        Map<String, ConsumerGroupDescription> descriptions = Map.of();
        try {
            descriptions = admin.describeConsumerGroups(GROUPS).all().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            timeline.progress("catch-up: cannot describe the consumer groups: %s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, ConsumerGroupDescription> found = descriptions;
        List<GroupState> groups = GROUPS.stream().map(group -> {
            ConsumerGroupDescription description = found.get(group);
            return new GroupState(group, lags.get(group),
                    description == null ? "unknown" : String.valueOf(description.groupState()),
                    description == null ? -1 : description.members().size());
        }).toList();
        Result result = new Result(caughtUp, how, since(start), groups);
        timeline.progress("catch-up: %s (%s)", how, Timeline.seconds(result.took()));
        return result;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, OffsetSpec spec) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.ORDER_EVENTS)).allTopicNames()
                    .get(15, TimeUnit.SECONDS).get(Topics.ORDER_EVENTS).partitions().stream()
                    .map(p -> new TopicPartition(Topics.ORDER_EVENTS, p.partition())).toList();
            Map<TopicPartition, ListOffsetsResultInfo> offsets = admin
                    .listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                    .all().get(15, TimeUnit.SECONDS);
            return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of " + Topics.ORDER_EVENTS + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new LinkedHashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null && Topics.ORDER_EVENTS.equals(partition.topic())) {
                    committed.put(partition, offset.offset());
                }
            });
            return committed;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of group " + group + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long unsentOutboxEvents() {
        try (Connection connection = stack.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM order_service.outbox_event WHERE sent_at IS NULL")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return -1; // the database is still recovering: ask again
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
