package com.appealdesk.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/** Repeated timings of one action after a warm-up: median, 95th percentile, in milliseconds. */
record Timings(List<Double> millis) {

    static Timings of(int warmUp, int repetitions, Callable<?> action) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            action.call();
        }
        List<Double> millis = new ArrayList<>(repetitions);
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            action.call();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        return new Timings(millis);
    }

    double p50() {
        return percentile(0.50);
    }

    double p95() {
        return percentile(0.95);
    }

    /** Nearest-rank percentile. */
    double percentile(double fraction) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
