package hcr.compiler;

import hcr.compiler.link.ToolException;
import java.io.IOException;

/**
 * Saves a published build's state, then tidies the build folder (stale objects and link-name
 * tables, generations beyond the kept ones), in the background: nothing the program's reload
 * depends on, so the build need not wait for it. The next build, and {@link #finish()}, wait for it
 * instead. A cleanup that fails leaves files behind that the next one removes.
 */
final class Cleanup {
    private final Workers workers;
    private Workers.Started<Void> running;
    private Exception saveFailure;

    Cleanup(Workers workers) {
        this.workers = workers;
    }

    /** Starts {@code step} once the previous cleanup finished. */
    synchronized void start(Workers.Step<Void> step) {
        finish();
        running = workers.start(step);
    }

    /**
     * Starts saving a build's state and then tidying, once the previous cleanup finished. A
     * failed save skips the tidying and is kept for {@link #takeSaveFailure()}.
     */
    synchronized void startSaving(Workers.Step<Void> save, Workers.Step<Void> tidy) {
        finish();
        running = workers.start(() -> {
            try {
                save.run();
            } catch (IOException | ToolException | RuntimeException e) {
                synchronized (this) {
                    saveFailure = e;
                }
                throw e;
            }
            return tidy.run();
        });
    }

    /** The failure of the last state save, once, after {@link #finish()}; null if it succeeded. */
    synchronized Exception takeSaveFailure() {
        var failure = saveFailure;
        saveFailure = null;
        return failure;
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
