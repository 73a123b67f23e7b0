package hcr.cli.bench;

import java.util.Locale;

/**
 * How figures read in the tables: milliseconds with one decimal, microseconds whole, seconds,
 * nanoseconds and ratios with two.
 */
final class Units {

    private Units() {
    }

    static String ms(double micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    static String us(double micros) {
        return String.format(Locale.ROOT, "%.0f", micros);
    }

    static String s(double micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1_000_000.0);
    }

    /** Nanoseconds to two places; a difference that rounds to zero is {@code 0.00}, never {@code -0.00}. */
    static String ns(double nanos) {
        return String.format(Locale.ROOT, "%.2f", Math.abs(nanos) < 0.005 ? 0.0 : nanos);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
