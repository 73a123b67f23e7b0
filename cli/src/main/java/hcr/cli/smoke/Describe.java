package hcr.cli.smoke;

import hcr.compiler.BuildReport;
import hcr.loader.HostEvent;
import java.util.List;
import java.util.stream.Collectors;

/** How observed things read in reports: one short phrase each. */
final class Describe {

    private Describe() {
    }

    static String entry(Observed entry) {
        if (entry instanceof Observed.Output output) {
            return "'" + output.line() + "'";
        }
        if (entry instanceof Observed.Built built) {
            return build(built.report());
        }
        if (entry instanceof Observed.Started started) {
            return "program started (gen " + started.generation() + ", pid " + started.pid() + ")";
        }
        if (entry instanceof Observed.Reloaded reloaded) {
            return "reload of " + reloaded.modules() + " (gen " + reloaded.generation() + ")";
        }
        if (entry instanceof Observed.Ended ended) {
            return ending(ended.ending());
        }
        if (entry instanceof Observed.NotStarted notStarted) {
            return notStarted.message();
        }
        return ((Observed.Trouble) entry).message();
    }

    static String build(BuildReport report) {
        if (report instanceof BuildReport.Published published) {
            return "published gen " + published.generation().number();
        }
        if (report instanceof BuildReport.UpToDate upToDate) {
            return "build up to date (gen " + upToDate.generation() + ")";
        }
        var summary = ((BuildReport.Failed) report).summary().strip();
        var lines = summary.lines().toList();
        return "build failed: " + (lines.size() <= 4 ? String.join(" | ", lines)
                : String.join(" | ", lines.subList(0, 4)) + " | (" + (lines.size() - 4) + " more lines)");
    }

    static String ending(HostEvent.Ending ending) {
        if (ending instanceof HostEvent.Crashed crash) {
            var text = new StringBuilder("program crashed: ").append(crash.signal());
            if (crash.function() != null) {
                text.append(" in ").append(crash.function()).append("()");
            }
            if (crash.module() != null) {
                text.append(" (module ").append(crash.module()).append(')');
            }
            return text.toString();
        }
        if (ending instanceof HostEvent.Exited exited) {
            return "program exited with status " + exited.status();
        }
        return "program stopped";
    }

    /** The events (not output) among {@code entries}, or "nothing". */
    static String events(List<Observed> entries) {
        var events = entries.stream().filter(entry -> !(entry instanceof Observed.Output)).map(Describe::entry)
                .collect(Collectors.joining("; "));
        return events.isEmpty() ? "nothing" : events;
    }
}
