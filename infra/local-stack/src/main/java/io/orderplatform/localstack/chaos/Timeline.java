package io.orderplatform.localstack.chaos;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened during a chaos run, in order: each line is printed at once, stamped with the wall-clock time and the
 * seconds since the run started, and kept for the ledger. Fault lines are kept apart from progress lines, so that
 * the ledger's timeline shows the faults without the noise.
 */
final class Timeline {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final long startNanos = System.nanoTime();
    private final List<String> faults = new ArrayList<>();

    /** A fault, or a part going down or coming back: printed and kept for the ledger. */
    synchronized void fault(String format, Object... args) {
        String line = stamp(String.format(format, args));
        faults.add(line);
        System.out.println(line);
    }

    /** Progress: printed only. */
    synchronized void progress(String format, Object... args) {
        System.out.println(stamp(String.format(format, args)));
    }

    synchronized List<String> faults() {
        return List.copyOf(faults);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private String stamp(String text) {
        return String.format("[%s +%6.1fs] %s", LocalTime.now().format(CLOCK), elapsed().toMillis() / 1000.0, text);
    }

    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
