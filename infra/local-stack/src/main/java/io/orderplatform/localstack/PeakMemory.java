package io.orderplatform.localstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The highest resident memory (RSS) of some processes while it watches them: samples /proc every 250 ms on a thread
 * of its own, from creation until {@link #close()}.
 */
public final class PeakMemory implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 250;

    private final List<ServiceProcess> processes;
    /** Peak bytes by process name; guarded by {@code this}. */
    private final Map<String, Long> peaks = new LinkedHashMap<>();
    private final Thread sampler;

    private PeakMemory(List<ServiceProcess> processes) {
        this.processes = List.copyOf(processes);
        this.processes.forEach(process -> peaks.put(process.name(), 0L));
        this.sampler = new Thread(this::sampleUntilClosed, "peak-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    public static PeakMemory watch(List<ServiceProcess> processes) {
        return new PeakMemory(processes);
    }

    private void sampleUntilClosed() {
        while (!Thread.currentThread().isInterrupted()) {
            sample();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        processes.forEach(process -> peaks.merge(process.name(), process.residentBytes(), Math::max));
    }

    /** Peak resident memory in MB by process name, sampled once more now. */
    public synchronized Map<String, Long> peakMegabytes() {
        sample();
        Map<String, Long> megabytes = new LinkedHashMap<>();
        peaks.forEach((name, bytes) -> megabytes.put(name, Math.round(bytes / 1048576.0)));
        return megabytes;
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
