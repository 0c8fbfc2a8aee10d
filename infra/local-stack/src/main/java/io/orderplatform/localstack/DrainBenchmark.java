package io.orderplatform.localstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

/**
 * How fast a consumer service drains a backlog, and how much memory it takes doing it: N order events are put
 * on the topic first (half OrderCreated, half OrderPaid), then the service is started and timed until its
 * processed-events log holds all N. Prints figures; it is not a test. Run through {@code infra/bin/bench-drain}.
 */
public final class DrainBenchmark {

    /** What each consumer counts its applied events in, in its own database. */
    static final String PROCESSED_EVENTS = "SELECT COUNT(*) FROM %s.processed_event";
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(15);

    private DrainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = 200_000;
        String service = "metrics-consumer";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--service" -> service = args[++i];
                default -> throw new IllegalArgumentException("usage: DrainBenchmark [--events N] [--service NAME]");
            }
        }
        Path work = BenchmarkStack.newWorkDir("bench-");
        System.out.printf("Drain benchmark: %d events, %s, work dir %s%n", events, service, work);
        try (BenchmarkStack stack = BenchmarkStack.start(work)) {
            long expectedUnits = EventBacklog.produceOrderEvents(stack.kafka().clientConfig(KafkaSecurity.ADMIN), events);
            long started = System.nanoTime();
            ServiceProcess consumer = stack.startService(service);
            try (PeakMemory memory = PeakMemory.watch(List.of(consumer))) {
                EventBacklog.Drain drain = EventBacklog.awaitDrained(consumer, stack.db(),
                        PROCESSED_EVENTS.formatted(LocalStack.databaseOf(service)), 0, events, started, DRAIN_TIMEOUT);
                System.out.printf("%s drained %d events: %.1f s from its first applied event (%.0f events/s), "
                        + "%.1f s from process start (%.0f events/s including startup)%n", service, events,
                        drain.secondsFromFirstEvent(), drain.eventsPerSecond(), drain.secondsFromStart(),
                        events / drain.secondsFromStart());
                System.out.printf("%s resident memory: max %d MB during the drain, %.0f MB after%n", service,
                        memory.peakMegabytes().get(service), consumer.residentBytes() / 1048576.0);
            }
            if ("metrics-consumer".equals(service)) {
                try (Connection connection = stack.db().adminConnection("metrics_consumer")) {
                    long units = EventBacklog.count(connection, "SELECT COALESCE(SUM(units), 0) FROM product_sales");
                    System.out.printf("Check: units sold %d, expected %d: %s%n", units, expectedUnits,
                            units == expectedUnits ? "OK" : "MISMATCH");
                }
            }
        }
    }
}
