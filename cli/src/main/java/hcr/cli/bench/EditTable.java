package hcr.cli.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;

/** The edit-to-effect figures of one run: median and p90 of every phase, with the goals. */
final class EditTable {

    static final Goal TOTAL = Goal.atMost(100, " ms");
    static final Goal WATCH = Goal.atMost(25, " ms");
    private static final List<String> APPLY_PHASES = List.of("copy", "load", "bind", "statics", "handlers");

    private EditTable() {
    }

    /** What was measured, and on what. */
    static String header(Path project, SourceEdit edit, List<String> programArgs, String loadBefore) {
        return "edit-to-effect: " + project.getFileName() + " (a copy), " + edit.file() + " edited with s/" + edit.find()
                + "/" + edit.replacement() + "/ (plain write), effect /" + edit.expect() + "/\n"
                + "program args: " + String.join(" ", programArgs) + " (the demo's tick in ms: the next tick is at most"
                + " that far away)\n" + Machine.describe(loadBefore) + "\n";
    }

    static String render(List<EditTrace> traces, long quietMillis) {
        var table = new Table("lrrlll", "ms, " + traces.size() + " edits", "median", "p90", "goal", "", "");
        row(table, "edit-to-effect", traces, EditTrace::totalMicros, TOTAL, "write → first output line of the new code");
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
        return table.render();
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
