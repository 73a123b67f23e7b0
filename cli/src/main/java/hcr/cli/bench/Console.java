package hcr.cli.bench;

import java.io.PrintStream;

/**
 * Where a bench speaks: progress lines (one per step, ninja style) on stderr, results (the
 * tables) on stdout, so {@code hcr bench ... > figures.txt} keeps just the figures.
 */
final class Console {

    private final PrintStream progress;
    private final PrintStream results;

    Console(PrintStream progress, PrintStream results) {
        this.progress = progress;
        this.results = results;
    }

    static Console standard() {
        return new Console(System.err, System.out);
    }

    synchronized void progress(String line) {
        progress.println(line);
        progress.flush();
    }

    synchronized void result(String text) {
        results.print(text.endsWith("\n") ? text : text + "\n");
        results.flush();
    }
}
