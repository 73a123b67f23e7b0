package hcr.cli.bench;

import java.util.Collection;
import java.util.List;

/**
 * The measurements of one figure, in one unit, sorted: its median and its 90th percentile
 * (nearest rank: the smallest value that at least 90 % of the samples do not exceed).
 */
record Samples(List<Double> sorted) {

    Samples {
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        sorted = sorted.stream().sorted().toList();
    }

    static Samples of(Collection<? extends Number> values) {
        return new Samples(values.stream().map(Number::doubleValue).toList());
    }

    int count() {
        return sorted.size();
    }

    double median() {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double p90() {
        return sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
    }
}
