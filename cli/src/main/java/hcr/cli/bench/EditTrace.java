package hcr.cli.bench;

import hcr.compiler.BuildTimings;
import java.util.Map;

/**
 * One edit, traced through the dev pipeline; every stamp is {@link System#nanoTime()} in the
 * dev server's process.
 *
 * @param n               the edit's number (what it wrote, what the program then prints)
 * @param generation      the generation it became
 * @param writeNanos      just before the file was written
 * @param firstEventNanos the watcher's first raw event of the change set
 * @param deliveredNanos  the change set handed to the pipeline
 * @param buildStartNanos {@code Builder.build()} called
 * @param buildEndNanos   {@code Builder.build()} returned, the generation published
 * @param timings         the build's own phases
 * @param runtimeMicros   the runtime's {@code generation} event {@code us}: copy, load, bind,
 *                        statics, handlers, total
 * @param effectNanos     the program's first output line that shows the edit, seen by the dev server
 */
record EditTrace(int n, int generation, long writeNanos, long firstEventNanos, long deliveredNanos,
                 long buildStartNanos, long buildEndNanos, BuildTimings timings, Map<String, Long> runtimeMicros,
                 long effectNanos) {

    EditTrace {
        runtimeMicros = Map.copyOf(runtimeMicros);
    }

    long totalMicros() {
        return micros(writeNanos, effectNanos);
    }

    /** Write to change set delivered: the kernel's event, then the watcher's quiet period. */
    long watchMicros() {
        return micros(writeNanos, deliveredNanos);
    }

    long eventMicros() {
        return micros(writeNanos, firstEventNanos);
    }

    long quietMicros() {
        return micros(firstEventNanos, deliveredNanos);
    }

    /** Change set delivered to generation published: the hand-over to the build thread and the build. */
    long buildMicros() {
        return micros(deliveredNanos, buildEndNanos);
    }

    long applyMicros() {
        return runtimeMicros.getOrDefault("total", 0L);
    }

    /**
     * Everything else: the reload request and its answer over the control socket, the wait for
     * the program's next tick, and the output line's way through the pipe to the dev server.
     */
    long restMicros() {
        return totalMicros() - watchMicros() - buildMicros() - applyMicros();
    }

    private static long micros(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1000;
    }
}
