package org.diego.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations in nanoseconds, summarised as nearest-rank percentiles in milliseconds. */
final class Samples {
    private final List<Long> nanos = new ArrayList<>();

    synchronized void add(long n) {
        nanos.add(n);
    }

    synchronized int size() {
        return nanos.size();
    }

    synchronized double ms(double quantile) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
    }

    double p50() {
        return ms(0.50);
    }

    double p90() {
        return ms(0.90);
    }
}
