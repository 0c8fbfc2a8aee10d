package io.orderplatform.localstack;

import java.util.List;

/** Nearest-rank percentiles of measured values, the one way the benchmarks compute them. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The {@code p}-th percentile (0 < p <= 100) of values sorted ascending, by nearest rank. */
    public static long of(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
