package com.example.benchmark;

import java.util.List;
import java.util.Locale;

/**
 * What one cold start of one function measured: init (process start until the runtime client
 * asked for its first event, the priming included when it ran), the first invocation, the warm
 * invocations after it, and the environment's peak resident memory after the first answer.
 */
public record Measurement(double initMs, double firstInvocationMs, List<Double> warmMs, long residentMb, boolean answered) {

    public Measurement {
        warmMs = List.copyOf(warmMs);
    }

    /** The median of a series, the headline figure of every column. */
    public static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile: the smallest value at least p% of the series is not above. */
    public static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static String format(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }
}
