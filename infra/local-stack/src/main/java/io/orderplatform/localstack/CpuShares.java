package io.orderplatform.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a phase: the CPU time of this JVM (the load generator) and of every process it
 * started (brokers, MariaDB, services), as a share of one core, and how busy the whole machine was. Read from
 * {@code /proc} at {@link #start()} and at {@link #shares()}; empty where there is no {@code /proc}.
 */
public final class CpuShares {

    /** Clock ticks per second of /proc's CPU times: 100 on Linux (USER_HZ), whatever the kernel's own HZ. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern BROKER_DIR = Pattern.compile("(broker-\\d+|controller)/");
    private static final Pattern SERVICE_JAR = Pattern.compile("([a-z-]+)/target/quarkus-app/quarkus-run\\.jar");

    private final long startNanos;
    private final Map<Long, Long> ticksAtStart;
    private final long[] machineAtStart;

    private CpuShares(long startNanos, Map<Long, Long> ticksAtStart, long[] machineAtStart) {
        this.startNanos = startNanos;
        this.ticksAtStart = ticksAtStart;
        this.machineAtStart = machineAtStart;
    }

    public static CpuShares start() {
        return new CpuShares(System.nanoTime(), ticksByPid(), machineTicks());
    }

    /**
     * Since {@link #start()}, by process (largest first): its CPU as a percentage of one core, e.g. {@code
     * order-service 42%}; then {@code machine N% busy} for all cores together. Processes that ended are left out.
     */
    public String shares() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<Long, Long> now = ticksByPid();
        long[] machine = machineTicks();
        List<Map.Entry<String, Double>> byProcess = new ArrayList<>();
        now.forEach((pid, ticks) -> {
            Long before = ticksAtStart.get(pid);
            if (before != null) {
                byProcess.add(Map.entry(name(pid), 100.0 * (ticks - before) / TICKS_PER_SECOND / seconds));
            }
        });
        byProcess.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        StringBuilder text = new StringBuilder();
        byProcess.forEach(share -> text.append(String.format(Locale.ROOT, "%s %.0f%%, ", share.getKey(),
                share.getValue())));
        long total = machine[0] - machineAtStart[0];
        long idle = machine[1] - machineAtStart[1];
        text.append(total <= 0 ? "machine -" : String.format(Locale.ROOT, "machine %.0f%% busy",
                100.0 * (total - idle) / total));
        return text.toString();
    }

    /** User plus system ticks of this JVM and of its descendants, by pid. */
    private static Map<Long, Long> ticksByPid() {
        Map<Long, Long> ticks = new LinkedHashMap<>();
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .forEach(process -> {
                    long t = processTicks(process.pid());
                    if (t >= 0) {
                        ticks.put(process.pid(), t);
                    }
                });
        return ticks;
    }

    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces: utime is the 14th
            // field of the line, so the 12th after the closing parenthesis; stime the 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** All ticks and idle (plus I/O wait) ticks of the machine, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            return new long[] {total, Long.parseLong(cpu[4]) + Long.parseLong(cpu[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** A short name: the service, broker-N, controller, mariadb, or the generator (this JVM). */
    private static String name(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return "load generator";
        }
        String commandLine = commandLine(pid);
        Matcher service = SERVICE_JAR.matcher(commandLine);
        if (service.find()) {
            return service.group(1);
        }
        Matcher broker = BROKER_DIR.matcher(commandLine);
        if (broker.find()) {
            return broker.group(1);
        }
        if (commandLine.contains("mariadbd")) {
            return "mariadb";
        }
        return "pid " + pid;
    }

    /** Read whole: ProcessHandle.Info's command line is cut short for a long one, such as a broker's classpath. */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
