package hcr.cli.bench;

import java.util.List;
import java.util.function.ToLongFunction;

/** Nim's edit-to-effect next to hcr's, from the same run. */
final class NimTable {

    private NimTable() {
    }

    static String render(NimToolchain nim, List<NimTrace> traces, List<EditBench.NimFailure> failures,
                         double hcrMedianMicros) {
        var head = "\nnim: " + nim.version() + ", the same program in Nim (main.nim loop, sim.nim reloaded), edit "
                + NimEdits.EDIT.file() + ": s/" + NimEdits.EDIT.find() + "/" + NimEdits.EDIT.replacement() + "/\n"
                + failures(failures);
        if (traces.isEmpty()) {
            return head + "no Nim edit took effect: no figures\n";
        }
        var table = new Table("lrrl", "ms, " + traces.size() + " edits took effect", "median", "p90", "");
        row(table, "edit-to-effect", traces, NimTrace::totalMicros, "write → first output line of the new code");
        row(table, "  nim c", traces, NimTrace::buildMicros, "--hotcodereloading:on rebuild, started right after the write (no watcher)");
        row(table, "  reload", traces, NimTrace::reloadMicros, "performCodeReload(), timed by the program");
        row(table, "  rest", traces, NimTrace::restMicros, "reload key, next tick, output pipe");
        double nimMedian = Samples.of(traces.stream().map(NimTrace::totalMicros).toList()).median();
        return head + table.render()
                + "nim / hcr edit-to-effect, medians of this run: " + Units.ms(nimMedian) + " / "
                + Units.ms(hcrMedianMicros) + " ms = " + Units.ratio(nimMedian / hcrMedianMicros) + "\n";
    }

    private static String failures(List<EditBench.NimFailure> failures) {
        var text = new StringBuilder();
        for (var failure : failures) {
            text.append("FAILED ").append(failure.n() == 0 ? "before the first edit" : "edit " + failure.n())
                    .append(": ").append(failure.reason()).append('\n');
        }
        return text.toString();
    }

    private static void row(Table table, String label, List<NimTrace> traces, ToLongFunction<NimTrace> micros,
                            String meaning) {
        var samples = Samples.of(traces.stream().map(micros::applyAsLong).toList());
        table.row(label, Units.ms(samples.median()), Units.ms(samples.p90()), meaning);
    }
}
