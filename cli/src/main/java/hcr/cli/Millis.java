package hcr.cli;

/** Durations as people read them on a terminal. */
final class Millis {

    private Millis() {
    }

    /** Microseconds as whole milliseconds, or one decimal under 10 ms. */
    static String of(long micros) {
        if (micros < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
        }
        return Long.toString(Math.round(micros / 1000.0));
    }

    static String ofNanos(long nanos) {
        return of(nanos / 1000);
    }
}
