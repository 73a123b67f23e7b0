package hcr.cli.bench;

import java.util.Locale;

/**
 * A figure's target: the value must stay at or below {@code limit} ({@code strict}: below).
 *
 * @param text how the goal reads in a table, e.g. {@code ≤ 100 ms}
 */
record Goal(String text, double limit, boolean strict) {

    static Goal atMost(double limit, String unit) {
        return new Goal("≤ " + number(limit) + unit, limit, false);
    }

    static Goal below(double limit, String unit) {
        return new Goal("< " + number(limit) + unit, limit, true);
    }

    boolean met(double value) {
        return strict ? value < limit : value <= limit;
    }

    /** {@code ok} or {@code MISSED}. */
    String verdict(double value) {
        return met(value) ? "ok" : "MISSED";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
