package hcr.cli;

import java.util.List;

/**
 * What one applied generation did to the running program, as the terminal shows it:
 * {@code hcr: reloaded sim (gen 4) in 38 ms — 2 statics carried, 1 reset: buf}.
 *
 * @param generation  the generation now running
 * @param reloaded    modules whose new version replaced an old one
 * @param loaded      modules that are new in this generation
 * @param removed     modules that are gone
 * @param carried     statics carried over by value
 * @param reset       statics that started fresh, by name
 * @param micros      how long the reload took, or the edit-to-effect time when known
 * @param editToEffect whether {@code micros} counts from the first file event
 */
public record ReloadReport(int generation, List<String> reloaded, List<String> loaded, List<String> removed,
                    long carried, List<String> reset, long micros, boolean editToEffect) {

    public ReloadReport {
        reloaded = List.copyOf(reloaded);
        loaded = List.copyOf(loaded);
        removed = List.copyOf(removed);
        reset = List.copyOf(reset);
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
        if (carried > 0 || !reset.isEmpty()) {
            what.append(" — ").append(carried).append(carried == 1 ? " static" : " statics").append(" carried");
            if (!reset.isEmpty()) {
                what.append(", ").append(reset.size()).append(" reset: ").append(String.join(", ", reset));
            }
        }
        return what.toString();
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
