package hcr.cli;

import hcr.compiler.BuildReport;
import hcr.compiler.Generation;

/** How a build's outcome reads on the terminal, shared by every command that builds. */
final class BuildOutcome {

    private BuildOutcome() {
    }

    /** Prints the outcome and returns the exit status for it: 0 built or up to date, 1 failed. */
    static int report(Terminal terminal, BuildReport report) {
        if (report instanceof BuildReport.Published published) {
            published(terminal, published.generation());
            return 0;
        }
        if (report instanceof BuildReport.UpToDate upToDate) {
            terminal.say("up to date (gen " + upToDate.generation() + ")");
            return 0;
        }
        return failed(terminal, (BuildReport.Failed) report);
    }

    static void published(Terminal terminal, Generation generation) {
        for (var fresh : generation.freshGlobals()) {
            terminal.say("global '" + fresh.cname() + "' of module '" + fresh.moduleId()
                    + "' gets fresh storage (" + fresh.reason() + ")");
        }
        terminal.say("published gen " + generation.number() + " in "
                + Millis.of(generation.timings().totalMicros()) + " ms");
    }

    /** Problems that name no source place; the compiler's own output was already shown as printed. */
    static int failed(Terminal terminal, BuildReport.Failed failed) {
        failed.problems().forEach(terminal::say);
        if (failed.problems().isEmpty() && failed.diagnostics().isEmpty() && !failed.output().isBlank()) {
            terminal.toolOutput(failed.output());
        }
        terminal.say("build failed");
        return 1;
    }
}
