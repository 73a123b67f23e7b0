package hcr.cli.bench;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.Builder;
import hcr.loader.HostEvent;
import hcr.loader.HostOptions;
import hcr.loader.ProgramHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Figure f: the steady cost of calls after a reload. {@link ForwardCallProgram}, built by the
 * real Builder and run through {@link ProgramHost}, saves pointers to eight static functions of
 * {@code work.c} and eight of {@code kept.c}; the bench edits {@code work.c}, builds and reloads
 * it once, and the program (having checked that the old pointers now run the new code) times
 * {@code calls} calls a round through the old pointers, pointers to the new version and the
 * never-reloaded module's functions, interleaved. The extra cost of a forwarded entry is
 * old − new (both end in the same new code), and that of a call that never went through an old
 * version kept − new (two plain calls), both taken within each round.
 *
 * @param old   ns per call through the pointers saved before the reload (forwarded)
 * @param fresh ns per call through the new version's pointers
 * @param kept  ns per call of the never-reloaded module's functions
 * @param extra old − fresh, per round
 * @param plain kept − fresh, per round
 */
record ForwardCallFigure(long calls, Samples old, Samples fresh, Samples kept, Samples extra, Samples plain) {

    static final Goal PLAIN = Goal.atMost(0.1, " ns");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern ROUND =
            Pattern.compile("^round \\d+ old ([0-9.]+) ns new ([0-9.]+) ns kept ([0-9.]+) ns$");

    static ForwardCallFigure measure(Console console, Path project, long calls, int rounds)
            throws BenchFailure, IOException, InterruptedException {
        ForwardCallProgram.writeTo(project);
        var config = BuildConfig.defaults(project);
        List<String> lines;
        try (var builder = new Builder(config, BuildListener.silent())) {
            Builds.published(builder.build(), "the forwarded call program");
            var options = HostOptions.of(config.buildDir()).withArgs(Long.toString(calls), Integer.toString(rounds));
            try (var host = ProgramHost.start(options)) {
                reloadOnce(builder, host);
                var ending = host.awaitEnding(Duration.ofMinutes(15));
                lines = host.outputLines();
                if (!(ending instanceof HostEvent.Exited exited) || exited.status() != 0) {
                    throw new BenchFailure("the forwarded call program ended with " + ending + ":\n"
                            + String.join("\n", lines));
                }
            }
        }
        var figure = parse(calls, lines);
        if (figure.old().count() != rounds) {
            throw new BenchFailure("the forwarded call program printed:\n" + String.join("\n", lines));
        }
        lines.stream().filter(line -> line.startsWith("pointers ")).forEach(line -> console.progress("f " + line));
        console.progress("f old pointer " + Units.ns(figure.old().median()) + " ns, new "
                + Units.ns(figure.fresh().median()) + " ns, kept " + Units.ns(figure.kept().median())
                + " ns (medians of " + rounds + " rounds of " + calls + " calls)");
        return figure;
    }

    /**
     * Waits for the program's {@code ready} line, then edits {@code work.c}, builds, reloads and
     * waits for the line that says the program saw the new code (its checks passed).
     */
    private static void reloadOnce(Builder builder, ProgramHost host)
            throws BenchFailure, IOException, InterruptedException {
        var edit = ForwardCallProgram.edit();
        var project = builder.config().projectDir();
        var original = Files.readString(project.resolve(edit.file()), StandardCharsets.UTF_8);
        int n = EditBench.FIRST + 1;
        try {
            host.awaitOutput("^ready step ", TIMEOUT);
            edit.save(project, original, n);
            var generation = Builds.oneChanged(builder.build(), project.resolve(edit.file()), "rebuild of work.c");
            var result = host.requestReload().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (result.failed() || result.code() < 1) {
                throw new BenchFailure("the forwarded call program: reload of gen " + generation.number() + " returned "
                        + result.code() + " " + result.error());
            }
            host.awaitOutput(edit.expected(n), TIMEOUT);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new BenchFailure("the forwarded call program: " + e.getMessage() + "\n"
                    + String.join("\n", host.outputLines()), e);
        }
    }

    /** The figure from the program's {@code round} lines; other lines are skipped. */
    static ForwardCallFigure parse(long calls, List<String> lines) throws BenchFailure {
        var old = new ArrayList<Double>();
        var fresh = new ArrayList<Double>();
        var kept = new ArrayList<Double>();
        var extra = new ArrayList<Double>();
        var plain = new ArrayList<Double>();
        for (var line : lines) {
            var round = ROUND.matcher(line);
            if (round.matches()) {
                double o = Double.parseDouble(round.group(1));
                double n = Double.parseDouble(round.group(2));
                double k = Double.parseDouble(round.group(3));
                old.add(o);
                fresh.add(n);
                kept.add(k);
                extra.add(o - n);
                plain.add(k - n);
            }
        }
        if (old.isEmpty()) {
            throw new BenchFailure("the forwarded call program printed no round:\n" + String.join("\n", lines));
        }
        return new ForwardCallFigure(calls, Samples.of(old), Samples.of(fresh), Samples.of(kept), Samples.of(extra),
                Samples.of(plain));
    }

    List<String[]> rows() {
        var each = calls / 1_000_000 + "M calls a round, " + old.count() + " rounds, 8 functions each, after one reload";
        return List.of(
                new String[] {"f  call through the new version's pointers", ns(fresh.median()), ns(fresh.p90()), "", "",
                        each},
                new String[] {"   call through the old pointers (forwarded)", ns(old.median()), ns(old.p90()), "", "",
                        "saved before the reload: entry jmp to the pad, jmp rel32 to the new code"},
                new String[] {"   call of a never-reloaded module's statics", ns(kept.median()), ns(kept.p90()), "", "",
                        "no old version on its way"},
                new String[] {"   extra per call, old pointers", ns(extra.median()), ns(extra.p90()), "", "",
                        "old − new within each round"},
                new String[] {"   extra per call, never forwarded", ns(plain.median()), ns(plain.p90()), PLAIN.text(),
                        PLAIN.verdict(plain.median()), "never-reloaded − new within each round: the same plain call"});
    }

    private static String ns(double nanos) {
        return Units.ns(nanos) + " ns";
    }
}
