package hcr.cli.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The edit-to-effect figures of one run: median and p90 of every phase, with the goals. A project
 * with recorded compiles (hcr.toml, a compile database) is held to its own compiler: the median
 * edit-to-effect at most 1.2 times the median bare compile of the edited file plus 10 ms; a bare
 * folder (the demo) to 100 ms.
 */
final class EditTable {

    static final Goal TOTAL = Goal.atMost(100, " ms");
    static final Goal WATCH = Goal.atMost(25, " ms");
    static final double BARE_FACTOR = 1.2;
    static final double BARE_PLUS_MS = 10;
    private static final List<String> APPLY_PHASES = List.of("copy", "load", "bind", "statics", "handlers");

    private EditTable() {
    }

    /** What was measured, and on what; {@code bare} is the compile the edits are compared with. */
    static String header(Path project, SourceEdit edit, List<String> programArgs, Optional<RecordedCompile> bare,
                         String loadBefore) {
        var args = String.join(" ", programArgs);
        return "edit-to-effect: " + project.getFileName() + " (a copy), " + edit.file() + " edited with s/" + edit.find()
                + "/" + edit.replacement() + "/ (plain write), effect /" + edit.expect() + "/\n"
                + (bare.isEmpty() ? "program args: " + args + " (the demo's tick in ms: the next tick is at most"
                + " that far away)\n" : "program args: " + (args.isEmpty() ? "(hcr.toml's)" : args) + "\n"
                + "bare compile, in " + relative(project, bare.get().directory()) + ", alternating with the edits"
                + " while the program runs: " + bare.get().text() + "\n")
                + Machine.describe(loadBefore) + "\n";
    }

    static String render(List<EditTrace> traces, List<Long> bareMicros, long quietMillis) {
        var table = new Table("lrrlll", "ms, " + traces.size() + " edits", "median", "p90", "goal", "", "");
        var total = Samples.of(traces.stream().map(EditTrace::totalMicros).toList());
        var bare = bareMicros.isEmpty() ? null : Samples.of(bareMicros);
        var goal = bare == null ? TOTAL : bareGoal(bare.median() / 1000);
        table.row("edit-to-effect", Units.ms(total.median()), Units.ms(total.p90()), goal.text(),
                goal.verdict(total.median() / 1000), "write → first output line of the new code");
        row(table, "  watch", traces, EditTrace::watchMicros, WATCH, "write → change set delivered");
        row(table, "    event", traces, EditTrace::eventMicros, null, "write → first file event");
        row(table, "    quiet", traces, EditTrace::quietMicros, null, "first event → delivered (quiet period " + quietMillis + " ms)");
        row(table, "  build", traces, EditTrace::buildMicros, null, "change set → generation published");
        row(table, "    scan", traces, t -> t.timings().scanMicros(), null, "");
        row(table, "    compile", traces, t -> t.timings().compileMicros(), null, "");
        row(table, "    link", traces, t -> t.timings().linkMicros(), null, "");
        row(table, "    publish", traces, t -> t.timings().publishMicros(), null, "");
        row(table, "  apply", traces, EditTrace::applyMicros, null, "hcrPerformCodeReload (runtime us.total)");
        for (var phase : APPLY_PHASES) {
            row(table, "    " + phase, traces, t -> t.runtimeMicros().getOrDefault(phase, 0L), null, "");
        }
        row(table, "  rest", traces, EditTrace::restMicros, null, "reload request, next tick, output pipe");
        if (bare != null) {
            table.row("bare compile", Units.ms(bare.median()), Units.ms(bare.p90()), "", "",
                    "the recorded command, " + bare.count() + " runs");
            table.row("edit-to-effect / bare", Units.ratio(total.median() / bare.median()), "", "", "",
                    "ratio of the medians");
        }
        return table.render();
    }

    /** At most 1.2 times the bare compile's median plus 10 ms; the limit in ms. */
    static Goal bareGoal(double bareMillis) {
        double limit = BARE_FACTOR * bareMillis + BARE_PLUS_MS;
        return new Goal("≤ " + BARE_FACTOR + "× bare + " + (long) BARE_PLUS_MS + " ms = " + Units.ms(limit * 1000) + " ms",
                limit, false);
    }

    private static String relative(Path project, Path dir) {
        var rel = dir.startsWith(project) ? project.relativize(dir).toString() : dir.toString();
        return rel.isEmpty() ? "." : rel;
    }

    static double medianMicros(List<EditTrace> traces) {
        return Samples.of(traces.stream().map(EditTrace::totalMicros).toList()).median();
    }

    private static void row(Table table, String label, List<EditTrace> traces, ToLongFunction<EditTrace> micros,
                            Goal goal, String meaning) {
        var samples = Samples.of(traces.stream().map(micros::applyAsLong).toList());
        table.row(label, Units.ms(samples.median()), Units.ms(samples.p90()),
                goal == null ? "" : goal.text(), goal == null ? "" : goal.verdict(samples.median() / 1000), meaning);
    }
}
