package hcr.console;

import java.util.List;

/**
 * One entry of the reload history: a generation the program loaded (or failed to load).
 *
 * @param seq           1, 2, ... in the order entries were made
 * @param timeMillis    when the program finished loading it
 * @param kind          {@code reload}, or {@code start} for the first generation of a (re)started program
 * @param generation    the generation loaded, or asked for when the reload failed
 * @param previous      the generation the program ran before (0 for a start)
 * @param reloaded      modules whose new version replaced the old one
 * @param loaded        modules that came in new
 * @param removed       modules that went away
 * @param result        {@code ok} or {@code failed}
 * @param error         for {@code failed}: the runtime's message
 * @param shared        file- and function-statics the new code shares with the old (it addresses
 *                      the old storage)
 * @param carried       file- and function-statics carried over by value
 * @param reset         statics that started fresh, as {@code module:name}
 * @param renamed       globals that got fresh storage in this generation, and why
 * @param editToEffectMicros from the first file event to the new code running; null when not
 *                      measured (no edit behind it, reloads paused, a failure)
 * @param phases        where that time went, in order; empty when not measured
 * @param layout        what changed layout in this generation (issue 10), as hcr said it: globals
 *                      given fresh storage and statics reset for it, struct and union types whose
 *                      old objects the new code misreads (and those of generations a reload
 *                      skipped over); types are compared after publication, so they may come
 *                      after the entry was made, which is then replaced by a copy that lists
 *                      them too (same {@code seq}; {@link #withLayout})
 * @param forwarded     entries of old versions that now jump to the new code (issue 10)
 */
public record ReloadEntry(long seq, long timeMillis, String kind, int generation, int previous,
                          List<String> reloaded, List<String> loaded, List<String> removed, String result,
                          String error, long shared, long carried, List<String> reset, List<Renamed> renamed,
                          Long editToEffectMicros, List<Phase> phases, List<String> layout, long forwarded) {

    /** An entry in which no old entry was forwarded. */
    public ReloadEntry(long seq, long timeMillis, String kind, int generation, int previous,
                       List<String> reloaded, List<String> loaded, List<String> removed, String result,
                       String error, long shared, long carried, List<String> reset, List<Renamed> renamed,
                       Long editToEffectMicros, List<Phase> phases, List<String> layout) {
        this(seq, timeMillis, kind, generation, previous, reloaded, loaded, removed, result, error, shared, carried,
                reset, renamed, editToEffectMicros, phases, layout, 0);
    }

    /** An entry in which no layout changed. */
    public ReloadEntry(long seq, long timeMillis, String kind, int generation, int previous,
                       List<String> reloaded, List<String> loaded, List<String> removed, String result,
                       String error, long shared, long carried, List<String> reset, List<Renamed> renamed,
                       Long editToEffectMicros, List<Phase> phases) {
        this(seq, timeMillis, kind, generation, previous, reloaded, loaded, removed, result, error, shared, carried,
                reset, renamed, editToEffectMicros, phases, List.of());
    }

    public ReloadEntry {
        layout = List.copyOf(layout);
        reloaded = List.copyOf(reloaded);
        loaded = List.copyOf(loaded);
        removed = List.copyOf(removed);
        reset = List.copyOf(reset);
        renamed = List.copyOf(renamed);
        phases = List.copyOf(phases);
    }

    /** This entry, listing {@code layout} as what changed layout. */
    public ReloadEntry withLayout(List<String> layout) {
        return new ReloadEntry(seq, timeMillis, kind, generation, previous, reloaded, loaded, removed, result, error,
                shared, carried, reset, renamed, editToEffectMicros, phases, layout, forwarded);
    }

    /**
     * A phase of edit-to-effect: {@code watch} (first file event to the change set), {@code wait}
     * (change set to build start), {@code scan}, {@code compile}, {@code link}, {@code publish}
     * (the build's own phases), {@code apply} (the runtime's reload) and {@code other} (what is
     * left: the reload request's way to the program and back).
     */
    public record Phase(String name, long micros) {
    }

    /** A global given fresh storage: {@code reason} is the compiler's, e.g. {@code size 16 -> 256}. */
    public record Renamed(String module, String name, String linkName, String reason) {
    }
}
