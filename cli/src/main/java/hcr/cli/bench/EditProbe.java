package hcr.cli.bench;

import hcr.cli.BuildTrigger;
import hcr.compiler.Generation;
import hcr.loader.HostEvent;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Collects what the dev pipeline did for one edit, from the threads it happens on (watcher
 * delivery, build, host events): the first change set, the first generation published, that
 * generation's load, and the first output line showing the edit.
 */
final class EditProbe {

    private final int n;
    private final Pattern expected;
    private long writeNanos;
    private BuildTrigger changes;
    private Generation generation;
    private long buildStartNanos;
    private long buildEndNanos;
    private HostEvent.GenerationLoaded loaded;
    private long effectNanos;
    private String failure;

    EditProbe(int n, Pattern expected) {
        this.n = n;
        this.expected = expected;
    }

    synchronized void written(long nanos) {
        writeNanos = nanos;
    }

    synchronized void changed(BuildTrigger set) {
        if (changes == null) {
            changes = set;
        }
    }

    synchronized void built(Generation published, long startNanos, long endNanos) {
        if (generation == null) {
            generation = published;
            buildStartNanos = startNanos;
            buildEndNanos = endNanos;
        }
    }

    synchronized void loaded(HostEvent.GenerationLoaded event) {
        if (loaded == null && generation != null && event.generation() == generation.number()) {
            loaded = event;
            notifyAll();
        }
    }

    synchronized void output(String line, long nanos) {
        if (effectNanos == 0 && expected.matcher(line).find()) {
            effectNanos = nanos;
            notifyAll();
        }
    }

    synchronized void failed(String why) {
        if (failure == null) {
            failure = why;
        }
        notifyAll();
    }

    /** Waits until the edit's generation is loaded and its output line seen. */
    synchronized EditTrace await(Duration timeout) throws BenchFailure, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (failure == null && (loaded == null || effectNanos == 0)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new BenchFailure("edit " + n + ": after " + timeout.toSeconds() + " s still no " + missing());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (failure != null) {
            throw new BenchFailure("edit " + n + ": " + failure);
        }
        if (changes == null) {
            throw new BenchFailure("edit " + n + ": took effect without a change set");
        }
        return new EditTrace(n, generation.number(), writeNanos, changes.firstEventNanos(), changes.deliveredNanos(),
                buildStartNanos, buildEndNanos, generation.timings(), loaded.micros(), effectNanos);
    }

    private String missing() {
        if (changes == null) {
            return "change set from the watcher";
        }
        if (generation == null) {
            return "published generation";
        }
        if (loaded == null) {
            return "load of generation " + generation.number();
        }
        return "output line matching /" + expected + "/";
    }
}
