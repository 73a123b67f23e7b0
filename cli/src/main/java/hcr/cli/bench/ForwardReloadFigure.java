package hcr.cli.bench;

import hcr.loader.HostEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure e: what forwarding old entries adds to a reload. Two copies of
 * {@link ForwardingProgram} run at the same time, one with forwarding, one with
 * {@code HCR_FORWARD=off}; each edit changes every function of {@code work.c} and is built and
 * reloaded in both, the order alternating, so both see the same machine. The runtime times each
 * reload ({@code generation} event: {@code us.total}, {@code us.forward}) and counts the old
 * entries it re-pointed ({@code forwarded}): every entry of every older version of the module,
 * so the count grows by one version's entries a reload. A reload that forwards fewer than
 * {@code functions} entries (or, with forwarding off, any) measured nothing: the figure fails.
 *
 * @param functions the static functions of the reloaded module
 * @param on        {@code us.total} with forwarding, µs
 * @param off       {@code us.total} without, µs
 * @param forward   {@code us.forward} with forwarding, µs
 * @param forwarded {@code forwarded} with forwarding, in the order of the reloads
 */
record ForwardReloadFigure(int functions, Samples on, Samples off, Samples forward, List<Long> forwarded) {

    static final Goal GOAL = Goal.below(1, " ms");

    static ForwardReloadFigure measure(Console console, ForwardingProgram program, ReloadSubject forwarding,
                                       ReloadSubject plain, int warmup, int reps)
            throws BenchFailure, IOException, InterruptedException {
        var on = new ArrayList<Long>();
        var off = new ArrayList<Long>();
        var forward = new ArrayList<Long>();
        var forwarded = new ArrayList<Long>();
        for (int i = 1; i <= warmup + reps; i++) {
            int n = EditBench.FIRST + i;
            HostEvent.GenerationLoaded with;
            HostEvent.GenerationLoaded without;
            if (i % 2 == 1) {
                with = forwarding.reload(n);
                without = plain.reload(n);
            } else {
                without = plain.reload(n);
                with = forwarding.reload(n);
            }
            long count = with.counts().getOrDefault("forwarded", -1L);
            long none = without.counts().getOrDefault("forwarded", -1L);
            if (count < program.functions() || none != 0) {
                throw new BenchFailure("reload " + i + " of work.c forwarded " + count + " old entries in "
                        + forwarding.name() + " (at least " + program.functions() + " expected) and " + none + " in "
                        + plain.name() + " (HCR_FORWARD=off: 0 expected)");
            }
            if (i > warmup) {
                on.add(with.micros().get("total"));
                off.add(without.micros().get("total"));
                forward.add(with.micros().getOrDefault("forward", 0L));
                forwarded.add(count);
            }
        }
        var figure = new ForwardReloadFigure(program.functions(), Samples.of(on), Samples.of(off), Samples.of(forward),
                List.copyOf(forwarded));
        console.progress("e reload of " + figure.functions() + " functions: " + Units.ms(figure.on().median())
                + " ms with forwarding, " + Units.ms(figure.off().median()) + " ms without, us.forward "
                + Units.us(figure.forward().median()) + " µs (medians of " + reps + ")");
        return figure;
    }

    /** What forwarding adds: the difference of the medians, µs. */
    double added() {
        return on.median() - off.median();
    }

    List<String[]> rows() {
        var label = "e  reload of 1 module of " + functions + " functions, ";
        var entries = Samples.of(forwarded);
        return List.of(
                new String[] {label + "forwarding", ms(on.median()), ms(on.p90()), "", "",
                        "us.total; its pointers saved, so old entries exist"},
                new String[] {label + "HCR_FORWARD=off", ms(off.median()), ms(off.p90()), "", "",
                        "us.total; the same edits, reloads alternating"},
                new String[] {"   forwarding adds", Units.us(added()) + " µs", "", GOAL.text(),
                        GOAL.verdict(added() / 1000), "difference of the medians"},
                new String[] {"   us.forward", Units.us(forward.median()) + " µs", Units.us(forward.p90()) + " µs", "", "",
                        "planning and writing the jumps; " + Units.ns(forward.median() * 1000 / entries.median())
                                + " ns an old entry (ratio of the medians)"},
                new String[] {"   old entries forwarded", Long.toString(Math.round(entries.median())), "", "", "",
                        "median; from " + forwarded.get(0) + " to " + forwarded.get(forwarded.size() - 1)
                                + ": every older version's entries, one version more each reload"});
    }

    private static String ms(double micros) {
        return Units.ms(micros) + " ms";
    }
}
