package hcr.cli.bench;

import hcr.compiler.Builder;
import hcr.loader.HostEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figure e: what forwarding old entries adds to a reload. Two copies of
 * {@link ForwardingProgram}, each with its Builder, one run with forwarding and one with
 * {@code HCR_FORWARD=off}. Every repetition starts both programs afresh through ProgramHost and
 * makes two edits (each changes every function of {@code work.c}), each built and reloaded in
 * both, the order alternating, so both see the same machine. The first reload in a process
 * forwards the entries of one older version (what the runtime sets up once per process, the
 * {@code membarrier} registration, milliseconds in a process with many threads as the host JVM
 * is, happens in {@code hcrInit}, before it); the second forwards those of two older versions,
 * as every further reload re-points every older version's entries. The runtime times each reload ({@code generation}
 * event: {@code us.total}, {@code us.forward}) and counts the old entries it re-pointed
 * ({@code forwarded}). A reload that forwards fewer entries than the older versions have
 * functions (or, with forwarding off, any) measured nothing: the figure fails.
 *
 * @param functions the static functions of the reloaded module
 * @param reloads   the first and the second reload in a process
 */
record ForwardReloadFigure(int functions, List<NthReload> reloads) {

    static final Goal GOAL = Goal.below(1, " ms");
    private static final int RELOADS = 2;

    /**
     * The {@code nth} reload in a process, over the repetitions.
     *
     * @param on        {@code us.total} with forwarding, µs
     * @param off       {@code us.total} without, µs
     * @param forward   {@code us.forward} with forwarding, µs
     * @param forwarded {@code forwarded} with forwarding
     */
    record NthReload(int nth, Samples on, Samples off, Samples forward, Samples forwarded) {

        /** What forwarding adds: the difference of the medians, µs. */
        double added() {
            return on.median() - off.median();
        }
    }

    static ForwardReloadFigure measure(Console console, ForwardingProgram program, Builder forwarding, Builder plain,
                                       int warmup, int reps)
            throws BenchFailure, IOException, InterruptedException {
        var on = samples();
        var off = samples();
        var forward = samples();
        var forwarded = samples();
        int n = EditBench.FIRST;
        for (int i = 1; i <= warmup + reps; i++) {
            try (var withForwarding = ReloadSubject.start(forwarding, program);
                 var withoutForwarding = ReloadSubject.start(plain, program, Map.of("HCR_FORWARD", "off"))) {
                for (int nth = 1; nth <= RELOADS; nth++) {
                    n++;
                    HostEvent.GenerationLoaded with;
                    HostEvent.GenerationLoaded without;
                    if (n % 2 == 1) {
                        with = withForwarding.reload(n);
                        without = withoutForwarding.reload(n);
                    } else {
                        without = withoutForwarding.reload(n);
                        with = withForwarding.reload(n);
                    }
                    long count = with.counts().getOrDefault("forwarded", -1L);
                    long none = without.counts().getOrDefault("forwarded", -1L);
                    if (count < (long) nth * program.functions() || none != 0) {
                        throw new BenchFailure("reload " + nth + " in a process of work.c forwarded " + count
                                + " old entries with forwarding (at least " + nth * program.functions()
                                + " expected) and " + none + " with HCR_FORWARD=off (0 expected)");
                    }
                    if (i > warmup) {
                        on.get(nth - 1).add(with.micros().get("total"));
                        off.get(nth - 1).add(without.micros().get("total"));
                        forward.get(nth - 1).add(with.micros().getOrDefault("forward", 0L));
                        forwarded.get(nth - 1).add(count);
                    }
                }
            }
        }
        var reloads = new ArrayList<NthReload>();
        for (int nth = 1; nth <= RELOADS; nth++) {
            var reload = new NthReload(nth, Samples.of(on.get(nth - 1)), Samples.of(off.get(nth - 1)),
                    Samples.of(forward.get(nth - 1)), Samples.of(forwarded.get(nth - 1)));
            reloads.add(reload);
            console.progress("e reload " + nth + " of " + program.functions() + " functions: "
                    + Units.ms(reload.on().median()) + " ms with forwarding, " + Units.ms(reload.off().median())
                    + " ms without, us.forward " + Units.us(reload.forward().median()) + " µs (medians of " + reps
                    + ")");
        }
        return new ForwardReloadFigure(program.functions(), List.copyOf(reloads));
    }

    private static List<List<Long>> samples() {
        var lists = new ArrayList<List<Long>>();
        for (int nth = 1; nth <= RELOADS; nth++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    List<String[]> rows() {
        var rows = new ArrayList<String[]>();
        for (var reload : reloads) {
            boolean first = reload.nth() == 1;
            var label = first ? "e  1st reload of a " + functions + "-function module, forwarding"
                    : "   " + ordinal(reload.nth()) + " reload in the process, forwarding";
            long versions = Math.round(reload.forwarded().median()) / functions;
            rows.add(new String[] {label, ms(reload.on().median()), ms(reload.on().p90()), "", "",
                    "us.total; " + Math.round(reload.forwarded().median()) + " old entries forwarded ("
                            + (versions == 1 ? "one older version" : versions + " older versions") + ")"});
            rows.add(new String[] {"   the same, HCR_FORWARD=off", ms(reload.off().median()), ms(reload.off().p90()), "", "",
                    "us.total; fresh programs each rep, reloads alternating"});
            rows.add(new String[] {"   forwarding adds", Units.us(reload.added()) + " µs", "", GOAL.text(),
                    GOAL.verdict(reload.added() / 1000), "difference of the medians; us.forward "
                            + Units.us(reload.forward().median()) + " µs, p90 " + Units.us(reload.forward().p90()) + " µs"});
        }
        return rows;
    }

    private static String ordinal(int n) {
        return n == 1 ? "1st" : n == 2 ? "2nd" : n == 3 ? "3rd" : n + "th";
    }

    private static String ms(double micros) {
        return Units.ms(micros) + " ms";
    }
}
