package hcr.cli.bench;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.Builder;
import hcr.loader.HostEvent;
import hcr.loader.HostOptions;
import hcr.loader.ProgramHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Figure c: the cost of a call through a stub. {@link StubCallProgram}, built by the real
 * Builder and run through {@link ProgramHost}, times {@code calls} calls of the same tiny body as
 * a global function (PLT, then the stub's {@code jmp *slot}) and as a static one (direct call);
 * the extra cost per call is the difference, taken within each round.
 *
 * @param resolved where the program found {@code tiny_global}'s address (a stub library)
 * @param direct   ns per direct call
 * @param stub     ns per call through the stub
 * @param extra    ns added by the stub, per round
 */
record CallFigure(String resolved, long calls, Samples direct, Samples stub, Samples extra) {

    static final Goal GOAL = Goal.below(1.5, " ns");
    private static final Pattern ROUND = Pattern.compile("^round \\d+ direct ([0-9.]+) ns stub ([0-9.]+) ns$");
    private static final Pattern RESOLVED = Pattern.compile("^tiny_global resolves to (.*)$");

    static CallFigure measure(Console console, Path project, long calls, int rounds) throws BenchFailure, IOException {
        StubCallProgram.writeTo(project);
        var config = BuildConfig.defaults(project);
        try (var builder = new Builder(config, BuildListener.silent())) {
            Builds.published(builder.build(), "the stub call program");
        }
        var options = HostOptions.of(config.buildDir()).withArgs(Long.toString(calls), Integer.toString(rounds));
        List<String> lines;
        try (var host = ProgramHost.start(options)) {
            var ending = host.awaitEnding(Duration.ofMinutes(15));
            lines = host.outputLines();
            if (!(ending instanceof HostEvent.Exited exited) || exited.status() != 0) {
                throw new BenchFailure("the stub call program ended with " + ending + ":\n" + String.join("\n", lines));
            }
        }
        String resolved = null;
        var direct = new ArrayList<Double>();
        var stub = new ArrayList<Double>();
        var extra = new ArrayList<Double>();
        for (var line : lines) {
            var round = ROUND.matcher(line);
            var where = RESOLVED.matcher(line);
            if (round.matches()) {
                double d = Double.parseDouble(round.group(1));
                double s = Double.parseDouble(round.group(2));
                direct.add(d);
                stub.add(s);
                extra.add(s - d);
            } else if (where.matches()) {
                resolved = where.group(1);
            }
        }
        if (direct.size() != rounds || resolved == null) {
            throw new BenchFailure("the stub call program printed:\n" + String.join("\n", lines));
        }
        if (!resolved.contains("libhcrstubs.")) {
            throw new BenchFailure("tiny_global does not resolve to a stub: " + resolved);
        }
        var figure = new CallFigure(resolved, calls, Samples.of(direct), Samples.of(stub), Samples.of(extra));
        console.progress("c " + figure.resolved());
        console.progress("c direct " + Units.ns(figure.direct().median()) + " ns, stub " + Units.ns(figure.stub().median())
                + " ns (medians of " + rounds + " rounds of " + calls + " calls)");
        return figure;
    }

    List<String[]> rows() {
        var each = calls / 1_000_000 + "M calls a round, " + direct.count() + " rounds";
        return List.of(
                new String[] {"c  direct call (static noinline)", Units.ns(direct.median()) + " ns",
                        Units.ns(direct.p90()) + " ns", "", "", each},
                new String[] {"   call through the stub (global noinline)", Units.ns(stub.median()) + " ns",
                        Units.ns(stub.p90()) + " ns", "", "", "PLT, then the stub's jmp *slot"},
                new String[] {"   extra per call", Units.ns(extra.median()) + " ns", Units.ns(extra.p90()) + " ns",
                        GOAL.text(), GOAL.verdict(extra.median()), "stub − direct within each round"});
    }
}
