package hcr.cli.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The figures of {@code hcr bench --init}: the plain build, hcr init and the first hcr build. */
final class InitTable {

    static final Goal INIT = Goal.atMost(1.3, "×");

    private InitTable() {
    }

    /** What was measured, and on what. */
    static String header(Path project, Optional<String> clean, PlainBuild build, InitRun init, int warmup,
                         String loadBefore) {
        return "init and first build: " + project.getFileName() + " (fresh copies of "
                + clean.map(command -> "the tree cleaned by `" + command + "`").orElse("the tree as it is") + ")\n"
                + "each round: `" + build.text() + "` and `" + init.text() + "` (in process) on fresh copies, order"
                + " alternating, `bear intercept -- " + build.text() + "` between them on a third; then the first"
                + " hcr build on the init'd copy; " + (warmup == 0 ? "no warm-up round" : warmup + " warm-up round"
                + (warmup == 1 ? "" : "s") + " not counted") + "\n" + Machine.describe(loadBefore) + "\n";
    }

    static String render(InitBench.Figures figures, int jobs) {
        var plain = Samples.of(figures.plain());
        var init = Samples.of(figures.init());
        var first = Samples.of(figures.firstBuild());
        var table = new Table("lrrlll", "s, " + plain.count() + " rounds", "median", "p90", "goal", "", "");
        table.row("plain build", Units.s(plain.median()), Units.s(plain.p90()), "", "", "the build command alone");
        var bear = Samples.of(figures.bear());
        table.row("hcr init", Units.s(init.median()), Units.s(init.p90()), "", "",
                "bear intercept + the build, the link traced, hcr.toml written");
        table.row("  bear intercept + build", Units.s(bear.median()), Units.s(bear.p90()), "", "",
                "the recorder alone, on a third copy");
        double ratio = init.median() / plain.median();
        table.row("  init / plain", Units.ratio(ratio), "", INIT.text(), INIT.verdict(ratio), "ratio of the medians");
        table.row("first hcr build", Units.s(first.median()), Units.s(first.p90()), "", "",
                "Builder.build() from an empty .hcr: " + figures.modules() + " modules, " + jobs + " jobs");
        phase(table, "compile", figures.compile());
        phase(table, "link", figures.link());
        phase(table, "publish", figures.publish());
        table.row("  first build / plain", Units.ratio(first.median() / plain.median()), "", "", "",
                "ratio of the medians");
        var said = figures.summary().stream().filter(line -> !line.startsWith("wrote ")).toList();
        return table.render() + "init said: " + String.join("; ", said) + "\n";
    }

    private static void phase(Table table, String name, List<Long> micros) {
        var samples = Samples.of(micros);
        table.row("    " + name, Units.s(samples.median()), Units.s(samples.p90()), "", "", "");
    }
}
