package hcr.console;

import hcr.compiler.BuildTimings;
import hcr.compiler.Generation;
import hcr.compiler.debug.LayoutChange;
import hcr.loader.HostEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Follows each edit from the first file event through the build to the program's reload, and
 * makes one {@link ReloadEntry} per generation the program loads (or fails to load), with
 * edit-to-effect split into its phases. Not thread-safe: {@link ConsoleState} guards it.
 *
 * <p>Times are {@link System#nanoTime()} values taken by the watcher, the builder and this class
 * in the dev server's JVM, so they can be subtracted across threads.
 */
final class ReloadTimeline {

    /** Published generations waiting for the program, at most this many (older ones were skipped). */
    private static final int WAITING = 64;

    /** The earliest change set not yet built. */
    private record Edit(long firstEventNanos, long deliveredNanos) {
    }

    /** A published generation on its way to the program. */
    private record Built(Edit edit, long buildStartNanos, BuildTimings timings, List<ReloadEntry.Renamed> renamed) {
    }

    private final Ring<ReloadEntry> history = new Ring<>(ConsoleLimits.HISTORY);
    private final Ring<ChartPoint> chart = new Ring<>(ConsoleLimits.CHART_POINTS);
    private final TreeMap<Integer, Built> waiting = new TreeMap<>();
    /**
     * What changed layout in each published generation not loaded yet (issue 10): its globals and
     * statics, then its struct and union types once {@link #typesChanged} knows them.
     */
    private final TreeMap<Integer, List<String>> layouts = new TreeMap<>();
    private Edit pending;
    private Edit building;
    private long buildStartNanos;
    private int newestPublished;
    private long seq;
    private final List<String> reloaded = new ArrayList<>();
    private final List<String> loaded = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final List<String> reset = new ArrayList<>();

    void changesSeen(long firstEventNanos, long deliveredNanos) {
        if (pending == null || firstEventNanos < pending.firstEventNanos()) {
            pending = new Edit(firstEventNanos, deliveredNanos);
        }
    }

    void buildStarted(long nowNanos) {
        building = pending;
        pending = null;
        buildStartNanos = nowNanos;
    }

    /** Generation {@code generation} was published; while reloads are paused its edit-to-effect is not measured. */
    void published(Generation generation, boolean paused) {
        var renamed = generation.freshGlobals().stream()
                .map(f -> new ReloadEntry.Renamed(f.moduleId(), f.cname(), f.linkName(), f.reason())).toList();
        waiting.put(generation.number(), new Built(paused ? null : building, buildStartNanos, generation.timings(), renamed));
        while (waiting.size() > WAITING) {
            waiting.pollFirstEntry();
        }
        var globals = generation.layoutChanges().stream().map(LayoutChange::message).toList();
        layouts.merge(generation.number(), globals, (types, mine) -> joined(mine, types));
        layouts.headMap(waiting.firstKey()).clear();
        newestPublished = Math.max(newestPublished, generation.number());
        building = null;
    }

    /** The build failed or found nothing to do: its edit never takes effect. */
    void buildEnded() {
        building = null;
    }

    /** Reloads were paused: what waits now will be applied by hand, and is not measured. */
    void paused() {
        waiting.replaceAll((number, built) -> new Built(null, built.buildStartNanos(), built.timings(), built.renamed()));
    }

    /** A program (re)starts: a reload in progress in the old one will never close. */
    void programStarting() {
        clearReload();
    }

    /**
     * The struct and union types that changed layout in generation {@code generation} are known,
     * as {@code lines} (issue 10). They are compared after publication, off the edit's path, so
     * the program may have loaded the generation already: then the entry that loaded it is
     * replaced, in its place and with its {@code seq}, by a copy listing them too, and that copy
     * is returned for the pages to update. Otherwise they wait with the generation's other lines
     * for the entry made when it loads (empty is returned).
     */
    Optional<ReloadEntry> typesChanged(int generation, List<String> lines) {
        var amended = history.replaceNewest(entry -> broughtIn(entry, generation),
                entry -> entry.withLayout(joined(entry.layout(), lines)));
        if (amended.isEmpty()) {
            layouts.merge(generation, List.copyOf(lines), ReloadTimeline::joined);
        }
        return amended;
    }

    /**
     * Whether {@code entry} brought generation {@code generation}'s code into the program: it
     * loaded that generation, or reloaded past it (generations published while reloads were
     * paused, or while the reload before ran, are skipped; their changes come with the next).
     */
    private static boolean broughtIn(ReloadEntry entry, int generation) {
        return entry.result().equals("ok") && (entry.generation() == generation || entry.kind().equals("reload")
                && entry.previous() < generation && generation < entry.generation());
    }

    /** {@code first} then those of {@code then} not in it already. */
    private static List<String> joined(List<String> first, List<String> then) {
        var lines = new LinkedHashSet<>(first);
        lines.addAll(then);
        return List.copyOf(lines);
    }

    /** Applies a host event; returns the entry it closed, if any. */
    Optional<ReloadEntry> accept(HostEvent event, int programGeneration, long nowNanos, long nowMillis) {
        if (event instanceof HostEvent.ModuleLoaded module) {
            switch (module.action()) {
                case "reloaded" -> reloaded.add(module.module());
                case "removed" -> removed.add(module.module());
                default -> loaded.add(module.module());
            }
        } else if (event instanceof HostEvent.StaticChanged change && change.action().equals("reset")) {
            reset.add(change.module() + ":" + change.name());
        } else if (event instanceof HostEvent.GenerationLoaded generation) {
            return Optional.of(closed(generation, nowNanos, nowMillis));
        } else if (event instanceof HostEvent.ReloadResult result && result.failed()) {
            var entry = new ReloadEntry(++seq, nowMillis, "reload", newestPublished, programGeneration, List.of(),
                    List.of(), List.of(), "failed", result.error(), 0, 0, List.of(), List.of(), null, List.of());
            clearReload();
            history.add(entry);
            return Optional.of(entry);
        }
        return Optional.empty();
    }

    private ReloadEntry closed(HostEvent.GenerationLoaded generation, long nowNanos, long nowMillis) {
        var built = waiting.get(generation.generation());
        waiting.headMap(generation.generation(), true).clear();
        Long editToEffect = null;
        var phases = List.<ReloadEntry.Phase>of();
        long apply = generation.micros().getOrDefault("total", 0L);
        if (built != null && built.edit() != null) {
            editToEffect = (nowNanos - built.edit().firstEventNanos()) / 1000;
            phases = phases(built, apply, editToEffect);
        }
        var entry = new ReloadEntry(++seq, nowMillis, generation.previous() == 0 ? "start" : "reload",
                generation.generation(), generation.previous(), reloaded, loaded, removed, "ok", null,
                generation.counts().getOrDefault("shared", 0L), generation.counts().getOrDefault("carried", 0L), reset,
                built == null ? List.of() : built.renamed(), editToEffect, phases,
                layoutLines(generation),
                generation.counts().getOrDefault("forwarded", 0L));
        layouts.headMap(generation.generation(), true).clear();
        clearReload();
        history.add(entry);
        if (editToEffect != null) {
            chart.add(new ChartPoint(nowMillis, generation.generation(), editToEffect));
        }
        return entry;
    }

    /**
     * What changed layout in the code a loaded generation brought in: that generation's, and for
     * a reload those of the generations it skipped over too (a start has no old objects or
     * storage the skipped ones could have changed: its own generation's lines only).
     */
    private List<String> layoutLines(HostEvent.GenerationLoaded generation) {
        if (generation.previous() == 0 || generation.previous() >= generation.generation()) {
            return layouts.getOrDefault(generation.generation(), List.of());
        }
        return layouts.subMap(generation.previous(), false, generation.generation(), true).values().stream()
                .reduce(List.of(), ReloadTimeline::joined);
    }

    private static List<ReloadEntry.Phase> phases(Built built, long apply, long total) {
        var edit = built.edit();
        var t = built.timings();
        var phases = new ArrayList<ReloadEntry.Phase>();
        phases.add(new ReloadEntry.Phase("watch", Math.max(0, (edit.deliveredNanos() - edit.firstEventNanos()) / 1000)));
        phases.add(new ReloadEntry.Phase("wait", Math.max(0, (built.buildStartNanos() - edit.deliveredNanos()) / 1000)));
        phases.add(new ReloadEntry.Phase("scan", t.scanMicros()));
        phases.add(new ReloadEntry.Phase("compile", t.compileMicros()));
        phases.add(new ReloadEntry.Phase("link", t.linkMicros()));
        phases.add(new ReloadEntry.Phase("publish", t.publishMicros()));
        phases.add(new ReloadEntry.Phase("apply", apply));
        long known = phases.stream().mapToLong(ReloadEntry.Phase::micros).sum();
        phases.add(new ReloadEntry.Phase("other", Math.max(0, total - known)));
        return phases;
    }

    private void clearReload() {
        reloaded.clear();
        loaded.clear();
        removed.clear();
        reset.clear();
    }

    List<ReloadEntry> history() {
        return history.newestFirst();
    }

    List<ChartPoint> chart() {
        return chart.list();
    }
}
