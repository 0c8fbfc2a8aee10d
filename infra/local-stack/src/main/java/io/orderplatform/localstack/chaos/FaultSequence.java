package io.orderplatform.localstack.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

import io.orderplatform.contract.Topics;

/**
 * The faults of a chaos run, one after the other, each announced on the timeline and checked: the process really
 * died (or really stopped), and really came back.
 * <ol>
 * <li>SIGKILL of the broker leading most order-events partitions (never the KRaft controller, a node of its own),
 * started again {@value #BROKER_DOWN_SECONDS} s later;</li>
 * <li>SIGKILL of metrics-consumer, then of audit-consumer, each started again {@value #SERVICE_DOWN_SECONDS} s
 * later;</li>
 * <li>SIGKILL of MariaDB, started again after the outage;</li>
 * <li>SIGSTOP of MariaDB (a frozen server: connections hang instead of failing), SIGCONT after the freeze.</li>
 * </ol>
 * Parts are started again by the stack itself, through its control socket, so they run as at {@code run-local}
 * (same command line and environment) and {@code stop-local} stops them.
 */
final class FaultSequence {

    private static final int BROKER_DOWN_SECONDS = 10;
    private static final int SERVICE_DOWN_SECONDS = 5;
    /** Calm between two faults, so that each one's effect can be told apart. */
    private static final Duration BETWEEN_FAULTS = Duration.ofSeconds(10);

    private final RunningStack stack;
    private final Timeline timeline;
    private final Duration databaseOutage;
    private final Duration databaseFreeze;
    private final List<String> failures = new ArrayList<>();
    /** Set while the database is frozen, so that an interrupted run can thaw it (stop-local would hang otherwise). */
    private volatile ProcessHandle frozenDatabase;
    /** Set while a part is down because of this run. */
    private volatile String partDown;

    FaultSequence(RunningStack stack, Timeline timeline, Duration databaseOutage, Duration databaseFreeze) {
        this.stack = stack;
        this.timeline = timeline;
        this.databaseOutage = databaseOutage;
        this.databaseFreeze = databaseFreeze;
    }

    /**
     * About how long the faults take: the calm before each, the parts down, and their restarts as measured on the
     * project's 2-core machine (a broker about 20 s to register again, a service 20-35 s to be ready).
     */
    static Duration estimatedDuration(Duration databaseOutage, Duration databaseFreeze) {
        long restarts = 20 + 2 * 30 + 5;
        return BETWEEN_FAULTS.multipliedBy(5).plusSeconds(BROKER_DOWN_SECONDS + 2L * SERVICE_DOWN_SECONDS + restarts)
                .plus(databaseOutage).plus(databaseFreeze);
    }

    /** Runs every fault; a fault that cannot be carried out or checked is recorded and the next one still runs. */
    void run() throws InterruptedException {
        List<Fault> faults = List.of(this::killBroker, () -> killService("metrics-consumer"),
                () -> killService("audit-consumer"), this::killDatabase, this::freezeDatabase);
        for (Fault fault : faults) {
            TimeUnit.MILLISECONDS.sleep(BETWEEN_FAULTS.toMillis());
            try {
                fault.run();
            } catch (RuntimeException e) {
                failed("fault not carried out as planned: %s", e.getMessage());
            }
        }
    }

    /** What did not go as planned (a process that did not die, did not come back ...); empty when all did. */
    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    /** For a run cut short: thaws a frozen database, and says what this run left down. */
    void undo() {
        ProcessHandle frozen = frozenDatabase;
        if (frozen != null) {
            try {
                signal(frozen, "CONT");
                System.err.println("Chaos run interrupted: MariaDB (pid " + frozen.pid() + ") thawed with SIGCONT.");
            } catch (IllegalStateException e) {
                System.err.println("Chaos run interrupted with MariaDB frozen: run kill -CONT " + frozen.pid());
            }
        }
        String down = partDown;
        if (down != null) {
            System.err.println("Chaos run interrupted while " + down + " was down: start it again with\n"
                    + "  infra/bin/stack-java io.orderplatform.localstack.LocalStack start " + down);
        }
    }

    @FunctionalInterface
    private interface Fault {
        void run() throws InterruptedException;
    }

    private void killBroker() throws InterruptedException {
        Map<Integer, Long> leaderships = leadershipsOfOrderEvents();
        int broker = leaderships.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("no partition of " + Topics.ORDER_EVENTS + " has a leader"));
        String part = "broker-" + broker;
        ProcessHandle process = require(part);
        timeline.fault("FAULT SIGKILL %s (pid %d, leader of %d of the %s partitions)", part, process.pid(),
                leaderships.get(broker), Topics.ORDER_EVENTS);
        killAndCheck(part, process);
        TimeUnit.SECONDS.sleep(BROKER_DOWN_SECONDS);
        startAndCheck(part, process);
        long started = System.nanoTime();
        try (Admin admin = stack.admin()) {
            awaitFullyReplicated(admin, Duration.ofSeconds(120));
            timeline.fault("      %s back in the in-sync replicas of every %s partition after %s", part,
                    Topics.ORDER_EVENTS, Timeline.seconds(Duration.ofNanos(System.nanoTime() - started)));
        } catch (IllegalStateException e) {
            failed("%s", e.getMessage());
        }
    }

    private void killService(String service) throws InterruptedException {
        ProcessHandle process = require(service);
        timeline.fault("FAULT SIGKILL %s (pid %d)", service, process.pid());
        killAndCheck(service, process);
        TimeUnit.SECONDS.sleep(SERVICE_DOWN_SECONDS);
        startAndCheck(service, process);
    }

    private void killDatabase() throws InterruptedException {
        ProcessHandle process = require(RunningStack.DATABASE);
        timeline.fault("FAULT SIGKILL MariaDB (mariadbd pid %d) for %s", process.pid(), Timeline.seconds(databaseOutage));
        killAndCheck(RunningStack.DATABASE, process);
        TimeUnit.MILLISECONDS.sleep(databaseOutage.toMillis());
        startAndCheck(RunningStack.DATABASE, process);
        checkDatabaseAnswers();
    }

    private void freezeDatabase() throws InterruptedException {
        ProcessHandle process = require(RunningStack.DATABASE);
        timeline.fault("FAULT SIGSTOP MariaDB (mariadbd pid %d) for %s", process.pid(), Timeline.seconds(databaseFreeze));
        frozenDatabase = process;
        try {
            signal(process, "STOP");
            // The stop takes effect once the process is scheduled: on a busy machine that takes a moment.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!"T".equals(state(process)) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            if (!"T".equals(state(process))) {
                failed("MariaDB (pid %d) is not stopped 5 s after SIGSTOP: state %s", process.pid(), state(process));
            } else {
                timeline.fault("      MariaDB frozen (pid %d in state T, stopped)", process.pid());
            }
            TimeUnit.MILLISECONDS.sleep(databaseFreeze.toMillis());
        } finally {
            signal(process, "CONT");
            frozenDatabase = null;
        }
        timeline.fault("      SIGCONT MariaDB (pid %d): state %s", process.pid(), state(process));
        checkDatabaseAnswers();
    }

    private ProcessHandle require(String part) {
        return stack.process(part).orElseThrow(() -> new IllegalStateException(
                "no running " + part + " among the children of the local stack (pid " + stack.pid() + ")"));
    }

    private void killAndCheck(String part, ProcessHandle process) throws InterruptedException {
        partDown = part;
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no controlled shutdown
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
            timeline.fault("      %s is down (pid %d gone)", part, process.pid());
        } catch (ExecutionException | TimeoutException e) {
            failed("%s (pid %d) still alive 10 s after SIGKILL", part, process.pid());
        }
    }

    private void startAndCheck(String part, ProcessHandle killed) {
        timeline.fault("      starting %s again (through the stack's control socket)", part);
        try {
            String answer = stack.start(part);
            Optional<ProcessHandle> fresh = stack.process(part);
            if (fresh.isEmpty() || fresh.get().pid() == killed.pid()) {
                failed("%s not running after start: %s", part, answer);
            } else {
                timeline.fault("      %s is back: pid %d (%s)", part, fresh.get().pid(), answer);
                partDown = null;
            }
        } catch (IllegalStateException e) {
            failed("%s could not be started again: %s", part, e.getMessage());
        }
    }

    private void checkDatabaseAnswers() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection connection = stack.connect(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT COUNT(*) FROM order_service.orders");
                timeline.fault("      MariaDB answers queries again");
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    failed("MariaDB does not answer 60 s after it was back: %s", e.getMessage());
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
    }

    private Map<Integer, Long> leadershipsOfOrderEvents() {
        try (Admin admin = stack.admin()) {
            TopicDescription topic = admin.describeTopics(List.of(Topics.ORDER_EVENTS)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.ORDER_EVENTS);
            return topic.partitions().stream().filter(p -> p.leader() != null)
                    .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + Topics.ORDER_EVENTS + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitFullyReplicated(Admin admin, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                List<TopicPartitionInfo> partitions = admin.describeTopics(List.of(Topics.ORDER_EVENTS))
                        .allTopicNames().get(10, TimeUnit.SECONDS).get(Topics.ORDER_EVENTS).partitions();
                if (partitions.stream().allMatch(p -> p.leader() != null && p.isr().size() == p.replicas().size())) {
                    return;
                }
                last = partitions.stream().sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                        .map(p -> p.partition() + ":" + p.isr().size() + "/" + p.replicas().size())
                        .collect(Collectors.joining(" "));
            } catch (ExecutionException | TimeoutException e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException(Topics.ORDER_EVENTS + " not fully replicated within " + timeout
                + " (in sync per partition: " + last + ")");
    }

    private synchronized void failed(String format, Object... args) {
        String text = String.format(format, args);
        failures.add(text);
        timeline.fault("      NOT AS PLANNED: %s", text);
    }

    private static void signal(ProcessHandle process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + signal + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The process state letter from /proc (R running, S sleeping, T stopped ...). */
    private static String state(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            // "pid (comm) S ...": comm may hold spaces, the state follows the last parenthesis.
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException | StringIndexOutOfBoundsException e) {
            return "gone";
        }
    }
}
