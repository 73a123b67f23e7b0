package hcr.cli;

import java.util.List;

/**
 * What one applied generation did to the running program, as the terminal shows it:
 * {@code hcr: reloaded sim (gen 4) in 38 ms — 2 statics shared, 1 carried, 1 reset: buf}.
 *
 * @param generation  the generation now running
 * @param reloaded    modules whose new version replaced an old one
 * @param loaded      modules that are new in this generation
 * @param removed     modules that are gone
 * @param shared      statics the new code shares with the old (it addresses the old storage), by name
 * @param carried     statics carried over by value
 * @param reset       statics that started fresh, by name
 * @param micros      how long the reload took, or the edit-to-effect time when known
 * @param editToEffect whether {@code micros} counts from the first file event
 * @param forwarded   entries of old versions that now jump to the new code (issue 10):
 *                    {@code hcr: reloaded ops (gen 2) in 46 ms — 3 entries forward}
 */
public record ReloadReport(int generation, List<String> reloaded, List<String> loaded, List<String> removed,
                    List<String> shared, long carried, List<String> reset, long micros, boolean editToEffect,
                    long forwarded) {

    public ReloadReport {
        reloaded = List.copyOf(reloaded);
        loaded = List.copyOf(loaded);
        removed = List.copyOf(removed);
        shared = List.copyOf(shared);
        reset = List.copyOf(reset);
    }

    /** A report in which no old entry was forwarded. */
    public ReloadReport(int generation, List<String> reloaded, List<String> loaded, List<String> removed,
                        List<String> shared, long carried, List<String> reset, long micros, boolean editToEffect) {
        this(generation, reloaded, loaded, removed, shared, carried, reset, micros, editToEffect, 0);
    }

    /** A report in which no static was shared. */
    public ReloadReport(int generation, List<String> reloaded, List<String> loaded, List<String> removed,
                        long carried, List<String> reset, long micros, boolean editToEffect) {
        this(generation, reloaded, loaded, removed, List.of(), carried, reset, micros, editToEffect);
    }

    String line() {
        var what = new StringBuilder();
        append(what, "reloaded", reloaded);
        append(what, "loaded", loaded);
        append(what, "removed", removed);
        if (what.length() == 0) {
            what.append("reloaded nothing");
        }
        what.append(" (gen ").append(generation).append(") in ").append(Millis.of(micros)).append(" ms");
        var statics = new StringBuilder();
        count(statics, shared.size(), "shared");
        count(statics, carried, "carried");
        count(statics, reset.size(), "reset: " + String.join(", ", reset));
        if (statics.length() > 0) {
            what.append(" — ").append(statics);
        }
        if (forwarded > 0) {
            what.append(statics.length() > 0 ? "; " : " — ").append(forwarded)
                    .append(forwarded == 1 ? " entry forwards" : " entries forward");
        }
        return what.toString();
    }

    /** {@code 2 statics shared}, then {@code , 1 carried}: the first count names what is counted. */
    private static void count(StringBuilder statics, long n, String what) {
        if (n == 0) {
            return;
        }
        boolean first = statics.length() == 0;
        statics.append(first ? "" : ", ").append(n).append(first ? (n == 1 ? " static " : " statics ") : " ")
                .append(what);
    }

    private static void append(StringBuilder line, String verb, List<String> modules) {
        if (modules.isEmpty()) {
            return;
        }
        if (line.length() > 0) {
            line.append("; ");
        }
        line.append(verb).append(' ').append(String.join(", ", modules));
    }
}
