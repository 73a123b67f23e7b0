package hcr.cli.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure b: {@code hcrPerformCodeReload} for one changed module, as the runtime times it
 * ({@code generation} event, {@code us.total}), in programs with different numbers of modules
 * loaded. The programs run at the same time and their reloads alternate, so both see the same
 * machine.
 *
 * @param reloads per module count, the {@code us} phases of every counted reload
 */
record ReloadFigure(Map<Integer, List<Map<String, Long>>> reloads) {

    static final Goal EACH = Goal.below(2, " ms");
    static final Goal RATIO = Goal.atMost(1.5, "×");
    private static final List<String> PHASES = List.of("copy", "load", "bind", "statics", "handlers");

    static ReloadFigure measure(Console console, List<ReloadSubject> subjects, int warmup, int reps)
            throws BenchFailure, IOException, InterruptedException {
        var reloads = new LinkedHashMap<Integer, List<Map<String, Long>>>();
        subjects.forEach(subject -> reloads.put(subject.modules(), new ArrayList<>()));
        for (int i = 1; i <= warmup + reps; i++) {
            for (var subject : subjects) {
                var micros = subject.reload(EditBench.FIRST + i).micros();
                if (i > warmup) {
                    reloads.get(subject.modules()).add(micros);
                }
            }
        }
        var figure = new ReloadFigure(reloads);
        for (var modules : reloads.keySet()) {
            console.progress("b " + modules + " modules loaded: reload " + Units.ms(figure.total(modules).median())
                    + " ms (median of " + reps + ")");
        }
        return figure;
    }

    Samples total(int modules) {
        return phase(modules, "total");
    }

    private Samples phase(int modules, String name) {
        return Samples.of(reloads.get(modules).stream().map(us -> us.getOrDefault(name, 0L)).toList());
    }

    List<String[]> rows() {
        var rows = new ArrayList<String[]>();
        for (var modules : reloads.keySet()) {
            var total = total(modules);
            var phases = new ArrayList<String>();
            for (var name : PHASES) {
                phases.add(name + " " + Units.ms(phase(modules, name).median()));
            }
            rows.add(new String[] {"b  reload of 1 changed module, " + modules + " loaded", Units.ms(total.median()) + " ms",
                    Units.ms(total.p90()) + " ms", EACH.text(), EACH.verdict(total.median() / 1000),
                    "us.total; " + String.join(", ", phases) + " ms"});
        }
        var counts = new ArrayList<>(reloads.keySet());
        if (counts.size() == 2) {
            double ratio = total(counts.get(1)).median() / total(counts.get(0)).median();
            rows.add(new String[] {"   " + counts.get(1) + " loaded / " + counts.get(0) + " loaded", Units.ratio(ratio), "",
                    RATIO.text(), RATIO.verdict(ratio), "ratio of the medians"});
        }
        return rows;
    }
}
