package hcr.compiler;

import hcr.compiler.link.ToolException;
import java.io.IOException;

/**
 * Tidies the build folder after a publication in the background (stale objects and link-name
 * tables, generations beyond the kept ones): nothing a reader or the next build depends on,
 * so the build need not wait for it. The next build, and {@link #finish()}, wait for it
 * instead. A cleanup that fails leaves files behind that the next one removes.
 */
final class Cleanup {
    private final Workers workers;
    private Workers.Started<Void> running;

    Cleanup(Workers workers) {
        this.workers = workers;
    }

    /** Starts {@code step} once the previous cleanup finished. */
    synchronized void start(Workers.Step<Void> step) {
        finish();
        running = workers.start(step);
    }

    /** Waits for the running cleanup, if any. */
    synchronized void finish() {
        if (running == null) {
            return;
        }
        try {
            running.join();
        } catch (IOException | ToolException | RuntimeException e) {
            // left behind: the next cleanup removes it
        } finally {
            running = null;
        }
    }
}
