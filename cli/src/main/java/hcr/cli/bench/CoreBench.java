package hcr.cli.bench;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.Builder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hcr bench --core}: the figures of the reload mechanism itself, with the file watcher
 * and the program's output out of the way. a) rebuild against bare gcc on the demo and on a
 * generated 200-module program; b) a one-module reload with 10 and 200 modules loaded; c) a
 * call through a stub against a direct call; d) the no-op build of the 200-module program; e) the
 * reload of a 500-function module with and without forwarding its old entries; f) a call through
 * a forwarded old pointer against calls that never went through an old version.
 */
final class CoreBench {

    private static final int WARMUP = 3;
    private static final long CALLS = 100_000_000L;
    private static final int FUNCTIONS = 500;

    private final Console console;
    private final Workspace workspace;
    private final Path demo;
    private final SourceEdit demoEdit;
    private final int reps;

    CoreBench(Console console, Workspace workspace, Path demo, SourceEdit demoEdit, int reps) {
        this.console = console;
        this.workspace = workspace;
        this.demo = demo;
        this.demoEdit = demoEdit;
        this.reps = reps;
    }

    void run(String loadBefore) throws BenchFailure, IOException, InterruptedException {
        var bare = BareBuild.of(BuildConfig.defaults(demo).cc(), workspace.folder("bare"));
        RebuildFigure demoRebuild;
        try (var builder = firstBuild(demo)) {
            demoRebuild = RebuildFigure.measure(console, builder, demoEdit, bare, WARMUP, reps);
        }
        var large = new GeneratedProgram(200);
        var small = new GeneratedProgram(10);
        NoopFigure noop;
        RebuildFigure largeRebuild;
        ReloadFigure reload;
        try (var largeBuilder = firstBuild(generate(large, "gen200"));
             var smallBuilder = firstBuild(generate(small, "gen10"))) {
            noop = NoopFigure.measure(console, largeBuilder, large.loaded(), reps);
            largeRebuild = RebuildFigure.measure(console, largeBuilder, large.edit(), bare, WARMUP, reps);
            try (var smallProgram = ReloadSubject.start(smallBuilder, small);
                 var largeProgram = ReloadSubject.start(largeBuilder, large)) {
                reload = ReloadFigure.measure(console, List.of(smallProgram, largeProgram), WARMUP, reps);
            }
        }
        var calls = CallFigure.measure(console, workspace.folder("stubcall"), CALLS, reps);
        var forwarding = new ForwardingProgram(FUNCTIONS);
        ForwardReloadFigure forwardReload;
        try (var onBuilder = firstBuild(generate(forwarding, "forward-on"));
             var offBuilder = firstBuild(generate(forwarding, "forward-off"))) {
            forwardReload = ForwardReloadFigure.measure(console, forwarding, onBuilder, offBuilder, WARMUP, reps);
        }
        var forwardCalls = ForwardCallFigure.measure(console, workspace.folder("forwardcall"), CALLS, reps);
        var table = new Table("lrrlll", "core figures, " + reps + " reps each", "median", "p90", "goal", "", "");
        var rows = new ArrayList<String[]>();
        rows.addAll(demoRebuild.rows());
        rows.addAll(largeRebuild.rows());
        rows.addAll(reload.rows());
        rows.addAll(calls.rows());
        rows.addAll(noop.rows());
        rows.addAll(forwardReload.rows());
        rows.addAll(forwardCalls.rows());
        rows.forEach(table::row);
        console.result("core figures: " + Machine.describe(loadBefore) + "\n" + table.render());
    }

    private Path generate(TickingProgram program, String name) throws IOException {
        var dir = workspace.folder(name);
        program.writeTo(dir);
        return dir;
    }

    /** A Builder for {@code project}, after its first (full) build. */
    private Builder firstBuild(Path project) throws BenchFailure {
        var builder = new Builder(BuildConfig.defaults(project), BuildListener.silent());
        long start = System.nanoTime();
        try {
            var generation = Builds.published(builder.build(), "first build of " + project.getFileName());
            console.progress("built " + project.getFileName() + " (" + generation.modules().size() + " modules) in "
                    + Units.ms((System.nanoTime() - start) / 1000.0) + " ms");
            return builder;
        } catch (BenchFailure e) {
            builder.close();
            throw e;
        }
    }
}
