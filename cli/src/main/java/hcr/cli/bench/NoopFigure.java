package hcr.cli.bench;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.Builder;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure d: the check that finds nothing to build. A fresh Builder is what a new {@code hcr}
 * process has: its first {@code build()} reads the saved state, probes the compiler and hashes
 * every source and header (timed: construction and that build). A warm Builder keeps all that
 * in memory from its previous build (timed: {@code build()}).
 *
 * @param fresh µs
 * @param warm  µs
 */
record NoopFigure(String project, int modules, Samples fresh, Samples warm) {

    static final Goal GOAL = Goal.below(100, " ms");

    static NoopFigure measure(Console console, Builder warmBuilder, int modules, int reps) throws BenchFailure {
        BuildConfig config = warmBuilder.config();
        var fresh = new ArrayList<Long>();
        var warm = new ArrayList<Long>();
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            try (var builder = new Builder(config, BuildListener.silent())) {
                Builds.upToDate(builder.build(), "no-op build, fresh Builder");
                fresh.add((System.nanoTime() - start) / 1000);
            }
            start = System.nanoTime();
            Builds.upToDate(warmBuilder.build(), "no-op build, warm Builder");
            warm.add((System.nanoTime() - start) / 1000);
        }
        var figure = new NoopFigure(config.projectDir().getFileName().toString(), modules, Samples.of(fresh),
                Samples.of(warm));
        console.progress("d " + figure.project() + ": no-op build " + Units.ms(figure.fresh().median()) + " ms fresh, "
                + Units.ms(figure.warm().median()) + " ms warm (medians of " + reps + ")");
        return figure;
    }

    List<String[]> rows() {
        var label = "d  " + project + ": no-op build, ";
        var note = modules + " modules";
        return List.of(
                new String[] {label + "fresh Builder", Units.ms(fresh.median()) + " ms", Units.ms(fresh.p90()) + " ms",
                        GOAL.text(), GOAL.verdict(fresh.median() / 1000), note + "; state read, compiler probed, all hashed"},
                new String[] {label + "warm Builder", Units.ms(warm.median()) + " ms", Units.ms(warm.p90()) + " ms",
                        GOAL.text(), GOAL.verdict(warm.median() / 1000), note});
    }
}
