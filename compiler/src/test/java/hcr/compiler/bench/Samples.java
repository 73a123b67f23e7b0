package hcr.compiler.bench;

import java.util.ArrayList;
import java.util.List;

/** Durations of one measured step, in microseconds. */
final class Samples {
    private final List<Long> micros = new ArrayList<>();

    void add(long value) {
        micros.add(value);
    }

    /** The median, in milliseconds. */
    double median() {
        return percentile(50);
    }

    /** The 90th percentile (nearest rank), in milliseconds. */
    double p90() {
        return percentile(90);
    }

    int size() {
        return micros.size();
    }

    private double percentile(int p) {
        if (micros.isEmpty()) {
            return Double.NaN;
        }
        var sorted = new ArrayList<>(micros);
        sorted.sort(null);
        if (p == 50 && sorted.size() % 2 == 0) {
            int upper = sorted.size() / 2;
            return (sorted.get(upper - 1) + sorted.get(upper)) / 2000.0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1000.0;
    }
}
