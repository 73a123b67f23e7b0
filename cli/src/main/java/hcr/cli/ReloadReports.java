package hcr.cli;

import hcr.loader.HostEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Folds the runtime's per-module and per-static events into one {@link ReloadReport} per
 * generation. The runtime sends the module and static events of a reload first and the
 * generation summary last, so the summary closes the report.
 */
public final class ReloadReports implements Consumer<HostEvent> {

    private final Consumer<ReloadReport> sink;
    private final Map<Integer, Long> editStarts;
    private final List<String> reloaded = new ArrayList<>();
    private final List<String> loaded = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final List<String> shared = new ArrayList<>();
    private final List<String> reset = new ArrayList<>();

    /**
     * @param editStarts {@code System.nanoTime()} of the first file event behind each generation,
     *                   filled by the dev session; a report for a generation found there counts
     *                   edit-to-effect, others count the reload alone
     */
    ReloadReports(Map<Integer, Long> editStarts, Consumer<ReloadReport> sink) {
        this.editStarts = editStarts;
        this.sink = sink;
    }

    public ReloadReports(Consumer<ReloadReport> sink) {
        this(new ConcurrentHashMap<>(), sink);
    }

    @Override
    public synchronized void accept(HostEvent event) {
        if (event instanceof HostEvent.ModuleLoaded module) {
            listFor(module.action()).add(module.module());
        } else if (event instanceof HostEvent.StaticChanged change && change.action().equals("reset")) {
            reset.add(change.name());
        } else if (event instanceof HostEvent.StaticChanged change && change.action().equals("shared")) {
            shared.add(change.name());
        } else if (event instanceof HostEvent.GenerationLoaded generation) {
            close(generation);
        }
    }

    private List<String> listFor(String action) {
        return switch (action) {
            case "reloaded" -> reloaded;
            case "removed" -> removed;
            default -> loaded;
        };
    }

    private void close(HostEvent.GenerationLoaded generation) {
        var start = editStarts.remove(generation.generation());
        var micros = start != null ? (System.nanoTime() - start) / 1000 : generation.micros().getOrDefault("total", 0L);
        var report = new ReloadReport(generation.generation(), reloaded, loaded, removed, shared,
                generation.counts().getOrDefault("carried", 0L), reset, micros, start != null,
                generation.counts().getOrDefault("forwarded", 0L));
        reloaded.clear();
        loaded.clear();
        removed.clear();
        shared.clear();
        reset.clear();
        if (generation.previous() > 0) {
            sink.accept(report);
        }
    }
}
