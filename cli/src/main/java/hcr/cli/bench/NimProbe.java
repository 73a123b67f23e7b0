package hcr.cli.bench;

import java.time.Duration;
import java.util.regex.Pattern;

/** Collects one edit's reload report and first output line from the Nim program's pipes. */
final class NimProbe {

    private final Pattern expected;
    private long effectNanos;
    private long reloadMicros = -1;
    private String failure;

    NimProbe(Pattern expected) {
        this.expected = expected;
    }

    synchronized void output(String line, long nanos) {
        if (effectNanos == 0 && expected.matcher(line).find()) {
            effectNanos = nanos;
            notifyAll();
        }
    }

    synchronized void reloaded(boolean changed, long micros) {
        if (!changed) {
            failed("performCodeReload was not called: hasAnyModuleChanged() was false after the build");
        } else if (reloadMicros < 0) {
            reloadMicros = micros;
            notifyAll();
        }
    }

    synchronized void failed(String why) {
        if (failure == null) {
            failure = why;
        }
        notifyAll();
    }

    synchronized NimTrace await(long writeNanos, long builtNanos, Duration timeout)
            throws BenchFailure, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (failure == null && (effectNanos == 0 || reloadMicros < 0)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new BenchFailure((reloadMicros < 0 ? "no reload report" : "no output line matching /" + expected + "/")
                        + " " + timeout.toSeconds() + " s after the reload key");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (failure != null) {
            throw new BenchFailure(failure);
        }
        return new NimTrace(writeNanos, builtNanos, effectNanos, reloadMicros);
    }
}
