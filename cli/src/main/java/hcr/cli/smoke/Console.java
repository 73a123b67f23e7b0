package hcr.cli.smoke;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The smoke run's voice: one line per step, ninja-terse, on stdout; every line of a scenario also
 * kept for its JUnit record. With {@code --verbose}, what the run observes is shown as it happens,
 * indented: the program's lines after {@code |}, hcr's events after {@code hcr:}.
 */
final class Console {

    private final PrintStream out;
    private final boolean verbose;
    private final List<String> log = new ArrayList<>();

    Console(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    synchronized void line(String line) {
        out.println(line);
        out.flush();
        log.add(line);
    }

    /** What the pipeline observed, shown only when verbose. */
    void observed(Observed entry) {
        if (!verbose) {
            return;
        }
        if (entry instanceof Observed.Output output) {
            line("      | " + output.line());
        } else {
            line("      hcr: " + Describe.entry(entry));
        }
    }

    /** A build's progress line ({@code [1/3] CC sim.c}), shown only when verbose. */
    void progress(String text) {
        if (verbose) {
            line("      " + text);
        }
    }

    /** The lines printed since the last call, for the scenario just finished. */
    synchronized List<String> takeLog() {
        var lines = List.copyOf(log);
        log.clear();
        return lines;
    }
}
