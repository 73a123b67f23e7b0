package hcr.compiler;

import hcr.compiler.debug.DebugLayouts;
import hcr.compiler.debug.LayoutChange;
import hcr.compiler.debug.LayoutComparison;
import hcr.compiler.debug.StaticSymbol;
import hcr.compiler.debug.UnitLayouts;
import hcr.compiler.elf.ObjectSymbols;
import hcr.compiler.elf.SymbolKind;
import hcr.compiler.link.FreshGlobal;
import hcr.compiler.link.LinkPlan;
import hcr.compiler.link.Manifest;
import hcr.compiler.link.ToolException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The layout changes of one build (issue 10): each recompiled module's new object compared with
 * its previous one, from their debug info.
 *
 * <p>The cost stays off the edit's path: reading a module's debug info (readelf and its parse,
 * some 10 ms for an {@code -O2} module of Lua once the JVM is warm: 9 500 lines, readelf 8 ms,
 * the parse 3; nothing when the new object's debug info is the old one's byte for byte, as after
 * an edit that moved no function) starts on a worker as soon as its compile ends,
 * while the build reads symbols, plans names and links. The plan waits for it only for modules
 * that define global objects (a global whose layout changed needs its fresh name before linking),
 * the manifest only for relinked modules with statics; struct and union types are compared after
 * publication ({@link #types}), so an edit of a module with neither (Lua's {@code lauxlib.c})
 * never waits. A debug info that cannot be read changes nothing: the build never fails for it.
 *
 * <p>{@code HCR_LAYOUT=off} turns the check off (nothing is read, no layout is ever reported
 * changed); {@code HCR_LAYOUT_TRACE=1} prints, per module, how long reading took and how long the
 * build waited for it.
 */
final class LayoutCheck {

    private static final boolean ENABLED = !"off".equals(System.getenv("HCR_LAYOUT"));
    private static final boolean TRACE = "1".equals(System.getenv("HCR_LAYOUT_TRACE"));
    /** Where the types are compared after publication: one daemon thread for every builder. */
    private static final ExecutorService AFTER_PUBLICATION = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "hcr-layouts");
        thread.setDaemon(true);
        return thread;
    });

    private final DebugLayouts layouts;
    private final Workers workers;
    private final SymbolCache symbols;
    private final Path objDir;
    private final Map<String, Workers.Started<Versions>> reads = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<List<LayoutChange>>> changes = new ConcurrentHashMap<>();

    /** The debug info of a module's previous object and of its new one, and how long reading them took. */
    private record Versions(UnitLayouts before, UnitLayouts after, long readMicros) {
    }

    LayoutCheck(DebugLayouts layouts, Workers workers, SymbolCache symbols, Path objDir) {
        this.layouts = layouts;
        this.workers = workers;
        this.symbols = symbols;
        this.objDir = objDir;
    }

    /** Starts reading the debug info of module {@code id}'s previous object and its new one, just compiled. */
    void start(String id, Path before, Path after) {
        if (ENABLED) {
            reads.put(id, workers.start(() -> {
                long began = System.nanoTime();
                var old = read(before);
                return new Versions(old, readLike(after, before), (System.nanoTime() - began) / 1000);
            }));
        }
    }

    private UnitLayouts read(Path object) {
        try {
            return layouts.of(object);
        } catch (IOException e) {
            return UnitLayouts.NONE;
        }
    }

    /** {@code object}'s layouts, {@code twin}'s when their debug info is the same bytes (nothing is read then). */
    private UnitLayouts readLike(Path object, Path twin) {
        try {
            return layouts.of(object, twin);
        } catch (IOException e) {
            return UnitLayouts.NONE;
        }
    }

    /**
     * The globals whose layout changed at the same size, C name → what changed: what the link plan
     * needs. Waits only for modules whose new object defines a global object.
     */
    Map<String, String> globals(List<BuildRun.LiveModule> live, Map<String, ObjectSymbols> objects) {
        var globals = new TreeMap<String, String>();
        for (var module : live) {
            var id = module.module().id();
            var object = objects.get(id);
            if (reads.containsKey(id) && object.definedGlobals().stream().anyMatch(s -> s.kind() == SymbolKind.OBJECT)) {
                of(module, object).stream().filter(c -> c.kind() == LayoutChange.Kind.GLOBAL)
                        .forEach(c -> globals.putIfAbsent(c.name(), c.summary()));
            }
        }
        return globals;
    }

    /** The .symtab names of a live module's statics whose layout changed at the same size. */
    Set<String> staticsChanged(BuildRun.LiveModule module, ObjectSymbols after) {
        return of(module, after).stream().filter(c -> c.kind() == LayoutChange.Kind.STATIC).map(LayoutChange::name)
                .collect(Collectors.toSet());
    }

    /**
     * What generation {@code number} reports at publication: the globals {@code plan} gave fresh
     * storage for their layout, and the statics {@code linked} lists under a new name for it
     * ({@link StaticLayoutNames}). Waits for nothing: both were compared before they were decided.
     */
    List<LayoutChange> published(List<BuildRun.LiveModule> live, LinkPlan plan, Map<String, LibraryRecords> linked,
                                 int number) {
        var fresh = plan.freshGlobals().stream().filter(FreshGlobal::layoutChanged).map(FreshGlobal::cname)
                .collect(Collectors.toSet());
        var reported = new ArrayList<LayoutChange>();
        for (var module : live) {
            var id = module.module().id();
            var compared = changes.get(id);
            if (compared == null || !compared.isDone()) {
                continue; // its globals and statics needed no comparison
            }
            var renamed = linked.getOrDefault(id, LibraryRecords.NONE).statics().stream().map(Manifest.Static::name)
                    .collect(Collectors.toSet());
            for (var change : compared.join()) {
                if (change.kind() == LayoutChange.Kind.GLOBAL && fresh.contains(change.name())
                        || change.kind() == LayoutChange.Kind.STATIC
                        && renamed.contains(change.name() + StaticLayoutNames.MARK + number)) {
                    reported.add(change);
                }
            }
        }
        return reported;
    }

    /**
     * The struct and union types whose layout changed, each once however many modules define it:
     * compared after publication, off the edit's path.
     */
    CompletableFuture<List<LayoutChange>> types(List<BuildRun.LiveModule> live, Map<String, ObjectSymbols> objects) {
        var recompiled = live.stream().filter(module -> reads.containsKey(module.module().id())).toList();
        if (recompiled.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return CompletableFuture.supplyAsync(() -> {
            var types = new ArrayList<LayoutChange>();
            var named = new HashSet<String>();
            for (var module : recompiled) {
                for (var change : of(module, objects.get(module.module().id()))) {
                    if (change.kind() == LayoutChange.Kind.TYPE && named.add(change.name())) {
                        types.add(change);
                    }
                }
            }
            return List.copyOf(types);
        }, AFTER_PUBLICATION);
    }

    /** The changes of one live module: none unless it was recompiled from a previous version. */
    private List<LayoutChange> of(BuildRun.LiveModule module, ObjectSymbols after) {
        var id = module.module().id();
        var read = reads.get(id);
        if (read == null || module.previous() == null) {
            return List.of();
        }
        var mine = new CompletableFuture<List<LayoutChange>>();
        var known = changes.putIfAbsent(id, mine);
        if (known != null) {
            return known.join();
        }
        mine.complete(compare(id, module.previous(), read, after));
        return mine.join();
    }

    private List<LayoutChange> compare(String id, ModuleRecord previous, Workers.Started<Versions> read,
                                       ObjectSymbols after) {
        Versions versions;
        try {
            long waiting = System.nanoTime();
            versions = read.join();
            if (TRACE) {
                System.err.printf("hcr layout: %s read in %.1f ms, waited for %.1f ms (%s)%n", id,
                        versions.readMicros() / 1000.0, (System.nanoTime() - waiting) / 1e6,
                        Thread.currentThread().getName());
            }
        } catch (IOException | ToolException | RuntimeException e) {
            return List.of();
        }
        return LayoutComparison.between(id, versions.before(), versions.after(), staticsBefore(previous),
                statics(after));
    }

    /** The previous object's statics; none when it cannot be read (its statics then compare as unchanged). */
    private List<StaticSymbol> staticsBefore(ModuleRecord previous) {
        try {
            return statics(symbols.read(objDir.resolve(previous.object()), previous.objectHash()));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static List<StaticSymbol> statics(ObjectSymbols object) {
        return object.writableStatics().stream().map(s -> new StaticSymbol(s.name(), s.value(), s.size())).toList();
    }
}
