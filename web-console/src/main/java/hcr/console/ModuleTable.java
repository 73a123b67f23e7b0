package hcr.console;

import hcr.compiler.Generation;
import hcr.compiler.ModuleState;
import hcr.loader.HostEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One row per module and its state, driven by edits, compiles, published generations and the
 * program's loads. Not thread-safe: {@link ConsoleState} guards it. Every change returns the
 * rows it changed, for the push channel.
 */
final class ModuleTable {

    /** One module, mutable. */
    private static final class Row {
        final String id;
        String state = "changed";
        int loadedGeneration;
        String loadedLibrary;
        String library;
        Long compileMicros;
        Long compiledAt;
        Integer functions;
        Integer globals;
        Long librarySize;

        Row(String id) {
            this.id = id;
        }

        ModuleView view() {
            return new ModuleView(id, id + ".c", state, loadedGeneration, library, compileMicros, compiledAt,
                    functions, globals, librarySize);
        }
    }

    private final Map<String, Row> rows = new TreeMap<>();
    private int programGeneration;

    List<ModuleView> views() {
        return rows.values().stream().map(Row::view).toList();
    }

    /** Sources of these modules were edited (or created, or deleted). */
    List<ModuleView> changed(Collection<String> ids) {
        var changed = new ArrayList<ModuleView>();
        for (var id : ids) {
            var row = rows.computeIfAbsent(id, Row::new);
            row.state = "changed";
            changed.add(row.view());
        }
        return changed;
    }

    ModuleView compiling(String id) {
        var row = rows.computeIfAbsent(id, Row::new);
        row.state = "compiling";
        return row.view();
    }

    ModuleView compiled(String id, long micros, boolean ok, long nowMillis) {
        var row = rows.computeIfAbsent(id, Row::new);
        row.state = ok ? "compiled" : "failed";
        row.compileMicros = micros;
        row.compiledAt = nowMillis;
        return row.view();
    }

    /** A generation was published: its new and changed modules wait for the program, removed ones are gone. */
    List<ModuleView> published(Generation generation, Map<String, ModuleFacts> facts) {
        var live = new HashSet<String>();
        for (var module : generation.modules()) {
            live.add(module.id());
            var row = rows.computeIfAbsent(module.id(), Row::new);
            row.library = module.library();
            apply(row, facts.get(module.id()));
            if (module.state() == ModuleState.KEPT) {
                settle(row);
            } else {
                row.state = "pending";
            }
        }
        for (var id : generation.removed()) {
            rows.computeIfAbsent(id, Row::new).state = "removed";
        }
        forgetUnbuilt(live, Set.copyOf(generation.removed()));
        return views();
    }

    /**
     * A build found nothing to publish: edited modules are back where they were. {@code facts} are
     * those of the current generation, for a session that starts from an existing build.
     */
    List<ModuleView> upToDate(Map<String, ModuleFacts> facts) {
        for (var fact : facts.values()) {
            var row = rows.computeIfAbsent(fact.id(), Row::new);
            row.library = fact.library();
            apply(row, fact);
        }
        for (var row : rows.values()) {
            if (!row.state.equals("removed")) {
                settle(row);
            }
        }
        rows.values().removeIf(row -> row.library == null && !row.state.equals("removed"));
        return views();
    }

    /** A build failed: what was compiled goes back to changed, modules with errors are failed. */
    List<ModuleView> failed(Set<String> withErrors) {
        for (var row : rows.values()) {
            if (withErrors.contains(row.id)) {
                row.state = "failed";
            } else if (row.state.equals("compiled") || row.state.equals("compiling")) {
                row.state = "changed";
            }
        }
        return views();
    }

    /** The program loaded, reloaded or removed one module. */
    ModuleView loaded(HostEvent.ModuleLoaded event) {
        var row = rows.computeIfAbsent(event.module(), Row::new);
        if (event.action().equals("removed")) {
            row.state = "removed";
            row.loadedGeneration = 0;
            row.loadedLibrary = null;
        } else {
            row.loadedGeneration = event.generation();
            row.loadedLibrary = event.library();
            if (row.library == null) {
                row.library = event.library();
            }
            row.state = "loaded";
        }
        return row.view();
    }

    /** The program finished loading a generation: modules loaded earlier are now simply up to date. */
    List<ModuleView> generationLoaded(int generation) {
        programGeneration = generation;
        var changed = new ArrayList<ModuleView>();
        for (var row : rows.values()) {
            var before = row.state;
            if (row.state.equals("loaded") || row.state.equals("pending")) {
                settle(row);
            }
            if (!before.equals(row.state)) {
                changed.add(row.view());
            }
        }
        return changed;
    }

    /** The program starts again: nothing is loaded until it says so. */
    void programStarting() {
        programGeneration = 0;
        for (var row : rows.values()) {
            row.loadedLibrary = null;
            row.loadedGeneration = 0;
        }
    }

    private static void apply(Row row, ModuleFacts fact) {
        if (fact != null) {
            row.functions = fact.functions();
            row.globals = fact.globals();
            row.librarySize = fact.librarySize() < 0 ? null : fact.librarySize();
        }
    }

    /** The state that follows from what is built and what the program runs. */
    private void settle(Row row) {
        if (row.library == null) {
            row.state = "changed";
        } else if (row.library.equals(row.loadedLibrary)) {
            row.state = row.loadedGeneration == programGeneration ? "loaded" : "up-to-date";
        } else {
            row.state = "pending";
        }
    }

    /** Rows of files that were edited but never became a module (created and deleted, or never compiled). */
    private void forgetUnbuilt(Set<String> live, Set<String> removed) {
        rows.values().removeIf(row -> !live.contains(row.id) && !removed.contains(row.id) && row.library == null);
        for (var row : rows.values()) {
            if (!live.contains(row.id) && !removed.contains(row.id) && row.library != null) {
                row.state = "removed";
            }
        }
    }
}
