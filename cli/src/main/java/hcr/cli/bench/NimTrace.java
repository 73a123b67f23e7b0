package hcr.cli.bench;

/**
 * One edit of the Nim program; stamps are {@link System#nanoTime()} of the bench.
 *
 * @param writeNanos   just before {@code sim.nim} was written
 * @param builtNanos   {@code nim c --hotcodereloading:on} finished (started right after the write)
 * @param effectNanos  the first output line showing the edit, seen by the bench
 * @param reloadMicros {@code performCodeReload()} as the program timed it
 */
record NimTrace(long writeNanos, long builtNanos, long effectNanos, long reloadMicros) {

    long totalMicros() {
        return (effectNanos - writeNanos) / 1000;
    }

    long buildMicros() {
        return (builtNanos - writeNanos) / 1000;
    }

    /** The reload key's way to the loop, the wait for the next tick, the output pipe. */
    long restMicros() {
        return totalMicros() - buildMicros() - reloadMicros;
    }
}
