package hcr.cli.bench;

import hcr.compiler.Builder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure a: {@link Builder#build()} after a one-module edit (scan, compile, rename, link,
 * group, publish) against a bare compile and link of the same file, interleaved per repetition
 * (the order alternating) so that both see the same machine.
 *
 * @param project  the project's name
 * @param modules  its module count
 * @param file     the edited file
 * @param rebuild  {@code build()} wall time, µs
 * @param bare     {@link BareBuild} wall time, µs
 * @param compile  the build's compile phase, µs
 * @param link     the build's link phase, µs
 * @param publish  the build's publish phase, µs
 */
record RebuildFigure(String project, int modules, String file, Samples rebuild, Samples bare, Samples compile,
                     Samples link, Samples publish) {

    static final Goal RATIO = Goal.atMost(1.3, "×");

    static RebuildFigure measure(Console console, Builder builder, SourceEdit edit, BareBuild bare, int warmup,
                                 int reps) throws BenchFailure, IOException {
        var project = builder.config().projectDir();
        var source = project.resolve(edit.file());
        var original = Files.readString(source, StandardCharsets.UTF_8);
        var rebuild = new ArrayList<Long>();
        var plain = new ArrayList<Long>();
        var compile = new ArrayList<Long>();
        var link = new ArrayList<Long>();
        var publish = new ArrayList<Long>();
        int modules = 0;
        try {
            for (int i = 1; i <= warmup + reps; i++) {
                int n = EditBench.FIRST + i;
                edit.save(project, original, n);
                long bareMicros = i % 2 == 0 ? bare.micros(source) : 0;
                long start = System.nanoTime();
                var generation = Builds.oneChanged(builder.build(), source, "rebuild of " + edit.file());
                long buildMicros = (System.nanoTime() - start) / 1000;
                if (i % 2 == 1) {
                    bareMicros = bare.micros(source);
                }
                modules = generation.modules().size();
                if (i > warmup) {
                    rebuild.add(buildMicros);
                    plain.add(bareMicros);
                    compile.add(generation.timings().compileMicros());
                    link.add(generation.timings().linkMicros());
                    publish.add(generation.timings().publishMicros());
                }
            }
        } finally {
            Files.writeString(source, original, StandardCharsets.UTF_8);
        }
        var figure = new RebuildFigure(project.getFileName().toString(), modules, edit.file(), Samples.of(rebuild),
                Samples.of(plain), Samples.of(compile), Samples.of(link), Samples.of(publish));
        console.progress("a " + figure.project() + ": rebuild " + Units.ms(figure.rebuild().median()) + " ms, bare "
                + Units.ms(figure.bare().median()) + " ms (medians of " + reps + ")");
        return figure;
    }

    double ratio() {
        return rebuild.median() / bare.median();
    }

    List<String[]> rows() {
        return List.of(
                new String[] {"a  " + project + ": Builder.build(), " + file + " edited", ms(rebuild.median()),
                        ms(rebuild.p90()), "", "", modules + " modules; compile " + Units.ms(compile.median()) + ", link "
                        + Units.ms(link.median()) + ", publish " + Units.ms(publish.median()) + " ms"},
                new String[] {"   bare cc -c -fPIC -g -O0 + cc -shared", ms(bare.median()), ms(bare.p90()), "", "", ""},
                new String[] {"   build / bare", Units.ratio(ratio()), "", RATIO.text(), RATIO.verdict(ratio()),
                        "ratio of the medians"});
    }

    private static String ms(double micros) {
        return Units.ms(micros) + " ms";
    }
}
