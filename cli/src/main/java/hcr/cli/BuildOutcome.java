package hcr.cli;

import hcr.compiler.BuildReport;
import hcr.compiler.Generation;
import hcr.compiler.debug.LayoutChange;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** How a build's outcome reads on the terminal, shared by every command that builds. */
final class BuildOutcome {

    private BuildOutcome() {
    }

    /** Prints the outcome and returns the exit status for it: 0 built or up to date, 1 failed. */
    static int report(Terminal terminal, BuildReport report) {
        if (report instanceof BuildReport.Published published) {
            published(terminal, published.generation());
            typeLayouts(terminal::say, published.generation().typeChanges().join(), "");
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
            if (!fresh.layoutChanged()) { // said with the field that changed, below
                say.accept("global '" + fresh.cname() + "' of module '" + fresh.moduleId()
                        + "' gets fresh storage (" + fresh.reason() + ")");
            }
        }
        generation.layoutChanges().forEach(change -> say.accept(change.message()));
        for (var hostName : generation.hostNames()) {
            say.accept(hostName.message());
        }
        say.accept("published gen " + generation.number() + " in "
                + Millis.of(generation.timings().totalMicros()) + " ms");
    }

    /**
     * The struct and union types whose layout changed, one line each:
     * {@code struct particle changed layout (vel: offset 8 → 16)} and {@code suffix}.
     */
    static void typeLayouts(Consumer<String> say, List<LayoutChange> types, String suffix) {
        types.forEach(change -> say.accept(change.message() + suffix));
    }

    /**
     * The globals and statics whose layout changed in a generation, for the end of its reload line:
     * {@code ; layout changed: 'world' (fresh storage), static 'tally' (reset)}; empty when none did
     * (struct and union types are said on lines of their own, when they are known).
     */
    static Optional<String> layoutNote(Generation generation) {
        if (generation.layoutChanges().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(generation.layoutChanges().stream().map(change -> switch (change.kind()) {
            case GLOBAL -> "'" + change.name() + "' (fresh storage)";
            case STATIC -> "static '" + change.name() + "' (reset)";
            case TYPE -> change.name(); // not listed here; kept for completeness
        }).collect(Collectors.joining(", ", "; layout changed: ", "")));
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
