package hcr.cli;

import hcr.compiler.BuildListener;
import java.io.PrintStream;

/**
 * hcr's own voice: one line per event on stderr, so the program's stdout stays the
 * program's. Also the build listener that shows progress and compiler output as printed.
 */
final class Terminal implements BuildListener {

    private final PrintStream err;
    private final boolean colour;

    Terminal(PrintStream err, boolean colour) {
        this.err = err;
        this.colour = colour;
    }

    /** A terminal on this process's stderr; colour when it is attached to a terminal. */
    static Terminal standard() {
        return new Terminal(System.err, System.console() != null && System.getenv("NO_COLOR") == null);
    }

    /** A line from hcr itself, prefixed {@code hcr: }. */
    synchronized void say(String message) {
        err.println("hcr: " + message);
        err.flush();
    }

    @Override
    public synchronized void progress(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public synchronized void toolOutput(String text) {
        err.print(text.endsWith("\n") ? text : text + "\n");
        err.flush();
    }

    @Override
    public boolean colour() {
        return colour;
    }
}
