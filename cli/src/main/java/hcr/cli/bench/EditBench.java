package hcr.cli.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the edits: hcr's, and Nim's when compared, alternating edit by edit (who goes first
 * alternating too) so that both see the same machine; the first {@code warmup} edits of each are
 * not counted. With a {@link RecordedCompile}, the bare compile of the edited file (as the
 * program's own build compiles it) runs once per edit, alternating likewise, while the program
 * keeps running: the same machine for both. A Nim edit that fails is noted and the Nim program started again; when Nim
 * cannot be set up or started again, the bench goes on with hcr alone.
 */
final class EditBench {

    /** Edit numbers start above this, so that no number equals what the unedited code prints. */
    static final int FIRST = 1000;
    /** Between one edit's effect and the next write, so that edits never share a change set. */
    private static final Duration PAUSE = Duration.ofMillis(150);

    /**
     * What a run measured.
     *
     * @param hcr         the traces of hcr's counted edits
     * @param nim         Nim's counted edits that took effect
     * @param nimFailures how Nim failed, edit by edit ({@code n} 0: before the first edit)
     * @param bareMicros  the bare compiles counted, µs (empty without a {@link RecordedCompile})
     */
    record Result(List<EditTrace> hcr, List<NimTrace> nim, List<NimFailure> nimFailures, List<Long> bareMicros) {
    }

    /** A Nim edit that did not take effect, and why. */
    record NimFailure(int n, String reason) {
    }

    private final Console console;
    private final HcrEdits hcr;
    private Optional<NimEdits> nim;
    private final Optional<RecordedCompile> bare;
    private final List<Long> bareMicros = new ArrayList<>();
    private final List<EditTrace> hcrTraces = new ArrayList<>();
    private final List<NimTrace> nimTraces = new ArrayList<>();
    private final List<NimFailure> nimFailures = new ArrayList<>();

    EditBench(Console console, HcrEdits hcr, Optional<NimEdits> nim, Optional<RecordedCompile> bare) {
        this.console = console;
        this.hcr = hcr;
        this.nim = nim;
        this.bare = bare;
    }

    Result run(int warmup, int edits) throws BenchFailure, IOException, InterruptedException {
        hcr.start();
        nimStep(0, "", NimEdits::start);
        int total = warmup + edits;
        for (int i = 1; i <= total; i++) {
            int n = FIRST + i;
            boolean counted = i > warmup;
            var prefix = String.format(Locale.ROOT, "[%d/%d] %s", i, total, counted ? "" : "warm-up ");
            boolean othersFirst = i % 2 == 0;
            if (othersFirst) {
                nimEdit(n, prefix, counted);
                bareCompile(prefix, counted);
            }
            var trace = hcr.edit(n);
            console.progress(String.format(Locale.ROOT, "%s%s: %s ms = watch %s + build %s + apply %s + rest %s",
                    prefix, hcr.sourceEdit().replaced(n), Units.ms(trace.totalMicros()), Units.ms(trace.watchMicros()),
                    Units.ms(trace.buildMicros()), Units.ms(trace.applyMicros()), Units.ms(trace.restMicros())));
            if (counted) {
                hcrTraces.add(trace);
            }
            if (!othersFirst) {
                nimEdit(n, prefix, counted);
                bareCompile(prefix, counted);
            }
            Thread.sleep(PAUSE.toMillis());
        }
        return new Result(List.copyOf(hcrTraces), List.copyOf(nimTraces), List.copyOf(nimFailures),
                List.copyOf(bareMicros));
    }

    /** One bare compile of the edited file as it is now, after a pause so that it never overlaps an edit's tail. */
    private void bareCompile(String prefix, boolean counted) throws IOException, InterruptedException {
        if (bare.isEmpty()) {
            return;
        }
        Thread.sleep(PAUSE.toMillis());
        long micros = bare.get().micros();
        console.progress(String.format(Locale.ROOT, "%sbare compile: %s ms", prefix, Units.ms(micros)));
        if (counted) {
            bareMicros.add(micros);
        }
    }

    private void nimEdit(int n, String prefix, boolean counted) throws InterruptedException {
        nimStep(n, prefix, edits -> {
            var trace = edits.edit(n);
            console.progress(String.format(Locale.ROOT, "%snim %s: %s ms = nim c %s + reload %s + rest %s", prefix,
                    NimEdits.EDIT.replaced(n), Units.ms(trace.totalMicros()), Units.ms(trace.buildMicros()),
                    Units.ms(trace.reloadMicros()), Units.ms(trace.restMicros())));
            if (counted) {
                nimTraces.add(trace);
            }
        });
    }

    private interface NimStep {
        void run(NimEdits edits) throws BenchFailure, IOException, InterruptedException;
    }

    /** Runs one step on Nim's side; a failure is noted, then Nim is started again or given up. */
    private void nimStep(int n, String prefix, NimStep step) throws InterruptedException {
        if (nim.isEmpty()) {
            return;
        }
        try {
            step.run(nim.get());
            return;
        } catch (BenchFailure | IOException e) {
            nimFailures.add(new NimFailure(n, e.getMessage()));
            console.progress(prefix + "nim " + (n == 0 ? "set-up" : NimEdits.EDIT.replaced(n)) + ": FAILED: " + e.getMessage());
        }
        if (n == 0) {
            nim = Optional.empty();
            return;
        }
        try {
            nim.get().restart();
            console.progress(prefix + "nim: the program was started again");
        } catch (BenchFailure | IOException e) {
            nimFailures.add(new NimFailure(n, "cannot start the program again: " + e.getMessage()));
            console.progress(prefix + "nim: cannot start the program again, no more Nim edits: " + e.getMessage());
            nim = Optional.empty();
        }
    }
}
