package hcr.cli;

import hcr.compiler.BuildReport;
import hcr.compiler.Generation;
import java.util.function.Consumer;

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
        published(terminal::say, generation);
    }

    /** @param say where hcr's lines go ({@code hcr dev}: the terminal and the console's log) */
    static void published(Consumer<String> say, Generation generation) {
        for (var fresh : generation.freshGlobals()) {
            say.accept("global '" + fresh.cname() + "' of module '" + fresh.moduleId()
                    + "' gets fresh storage (" + fresh.reason() + ")");
        }
        for (var hostName : generation.hostNames()) {
            say.accept(hostName.message());
        }
        say.accept("published gen " + generation.number() + " in "
                + Millis.of(generation.timings().totalMicros()) + " ms");
    }

    /** Problems that name no source place; the compiler's own output was already shown as printed. */
    static int failed(Terminal terminal, BuildReport.Failed failed) {
        return failed(terminal, terminal::say, failed);
    }

    /** @param say where hcr's lines go ({@code hcr dev}: the terminal and the console's log) */
    static int failed(Terminal terminal, Consumer<String> say, BuildReport.Failed failed) {
        failed.problems().forEach(say);
        if (failed.problems().isEmpty() && failed.diagnostics().isEmpty() && !failed.output().isBlank()) {
            terminal.toolOutput(failed.output());
        }
        say.accept("build failed");
        return 1;
    }
}
