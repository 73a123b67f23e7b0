package hcr.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code hcr bench --init}: the project's plain build against {@code hcr init} with the same
 * build command, each on a fresh copy of the clean tree, the order alternating round by round so
 * that both see the same machine; between them, on a third copy, the same build under
 * {@code bear intercept} alone (what of init's time is the recorder's); then the first
 * {@code hcr dev} build of the whole program on the copy init just learnt. The first
 * {@code warmup} rounds are not counted.
 */
final class InitBench {

    /**
     * What a run measured, µs per counted round.
     *
     * @param summary what the last init said (modules, link inputs, what was left out)
     */
    record Figures(List<Long> plain, List<Long> init, List<Long> bear, List<Long> firstBuild, List<Long> compile,
                   List<Long> link, List<Long> publish, int modules, List<String> summary) {
    }

    private final Console console;
    private final Workspace workspace;
    private final PlainBuild build;
    private final InitRun init;

    InitBench(Console console, Workspace workspace, PlainBuild build, InitRun init) {
        this.console = console;
        this.workspace = workspace;
        this.build = build;
        this.init = init;
    }

    /** Runs the shell command {@code clean} (e.g. {@code make clean}) in {@code tree}. */
    static void clean(Path tree, String clean) throws IOException {
        Command.run(tree, List.of("sh", "-c", clean));
    }

    /** Runs the rounds on copies of {@code cleanTree}, which must hold no build output. */
    Figures run(Path cleanTree, int warmup, int rounds) throws BenchFailure, IOException {
        var plain = new ArrayList<Long>();
        var inits = new ArrayList<Long>();
        var bears = new ArrayList<Long>();
        var first = new ArrayList<Long>();
        var compile = new ArrayList<Long>();
        var link = new ArrayList<Long>();
        var publish = new ArrayList<Long>();
        int modules = 0;
        List<String> summary = List.of();
        int total = warmup + rounds;
        for (int i = 1; i <= total; i++) {
            var prefix = String.format(Locale.ROOT, "[%d/%d] %s", i, total, i > warmup ? "" : "warm-up ");
            var plainCopy = workspace.copy(cleanTree, "plain-" + i);
            var bearCopy = workspace.copy(cleanTree, "bear-" + i);
            var initCopy = workspace.copy(cleanTree, "init-" + i);
            var underBear = PlainBuild.underBear(build.command(), workspace.root().resolve("bear-" + i + ".json"));
            boolean initFirst = i % 2 == 0;
            InitRun.Outcome learnt = initFirst ? init.run(initCopy, log("init", i)) : null;
            long plainMicros = initFirst ? 0 : build.micros(plainCopy, log("plain", i));
            long bearMicros = underBear.micros(bearCopy, log("bear", i));
            if (initFirst) {
                plainMicros = build.micros(plainCopy, log("plain", i));
            } else {
                learnt = init.run(initCopy, log("init", i));
            }
            var built = FirstBuild.run(initCopy);
            var timings = built.generation().timings();
            console.progress(prefix + build.text() + " " + Units.s(plainMicros) + " s, under bear "
                    + Units.s(bearMicros) + " s, hcr init " + Units.s(learnt.micros()) + " s, first hcr build " + Units.s(built.micros()) + " s ("
                    + built.generation().modules().size() + " modules)");
            if (i > warmup) {
                plain.add(plainMicros);
                inits.add(learnt.micros());
                bears.add(bearMicros);
                first.add(built.micros());
                compile.add(timings.compileMicros());
                link.add(timings.linkMicros());
                publish.add(timings.publishMicros());
            }
            modules = built.generation().modules().size();
            summary = learnt.result().summary();
            Workspace.delete(plainCopy.getParent());
            Workspace.delete(bearCopy.getParent());
            Workspace.delete(initCopy.getParent());
        }
        return new Figures(plain, inits, bears, first, compile, link, publish, modules, summary);
    }

    private Path log(String what, int round) {
        return workspace.root().resolve(what + "-" + round + ".log");
    }
}
