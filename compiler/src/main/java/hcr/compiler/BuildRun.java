package hcr.compiler;

import hcr.compiler.elf.ObjectSymbols;
import hcr.compiler.link.LinkNames;
import hcr.compiler.link.LinkPlan;
import hcr.compiler.link.LinkProblem;
import hcr.compiler.link.ToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One incremental build, start to end: content keys, compiles, the link plan, which modules
 * get a new library, then the generation is assembled, published and committed.
 * Everything up to publication is undone by throwing {@link BuildFailure}; the Builder's
 * state only changes through the returned {@link Result}.
 */
final class BuildRun {
    private final BuildConfig config;
    private final Toolchain tools;
    private final SymbolCache symbols;
    private final Workers workers;
    private final BuildListener listener;
    private final Progress progress;
    private final GenerationStore store;
    private final BuildStateFile stateFile;
    private final Cleanup cleanup;
    private final RenameDigests renameDigests;
    private final Set<String> hostNamesSaid;
    private final Path objDir;
    private final LayoutCheck layoutCheck;
    private final Map<Path, String> seen = new HashMap<>();
    private final List<Workers.Started<ModuleCompiler.Compiled>> compiling = new ArrayList<>();
    private final long started;
    private final List<Long> marks = new ArrayList<>();

    /** A module as this build sees it: where it stands before compiling. */
    private record Pending(SourceModule module, ModuleRecord previous, String key, boolean compile) {
    }

    /** A live module after compiling: the object that goes with its current sources. */
    record LiveModule(SourceModule module, ModuleRecord previous, String key, String object, String objectHash,
                      List<Path> headers, boolean compiled) {
    }

    /** The build's result and the state to keep when it did not fail. */
    record Result(BuildReport report, BuildState state) {
    }

    BuildRun(BuildConfig config, Toolchain tools, SymbolCache symbols, Workers workers, BuildListener listener,
             GenerationStore store, BuildStateFile stateFile, Cleanup cleanup, RenameDigests renameDigests,
             Set<String> hostNamesSaid, long startedNanos) {
        this.config = config;
        this.tools = tools;
        this.symbols = symbols;
        this.workers = workers;
        this.listener = listener;
        this.progress = new Progress(listener);
        this.store = store;
        this.stateFile = stateFile;
        this.cleanup = cleanup;
        this.renameDigests = renameDigests;
        this.hostNamesSaid = hostNamesSaid;
        this.objDir = config.stateDir().resolve("obj");
        this.started = startedNanos;
        this.layoutCheck = new LayoutCheck(tools.layouts(), workers, symbols, objDir);
    }

    Result run(Project project, BuildState previous, LinkNames names) throws BuildFailure, IOException, ToolException {
        var pending = keyed(project, previous);
        var ids = pending.stream().map(p -> p.module().id()).collect(Collectors.toSet());
        var removed = previous.modules().keySet().stream().filter(id -> !ids.contains(id)).sorted().toList();
        var libraries = digest(String.join("\0", config.libraries()));
        boolean librariesChanged = previous.generation() > 0 && !libraries.equals(previous.libraries());
        boolean compileNothing = pending.stream().noneMatch(Pending::compile);
        if (compileNothing && removed.isEmpty() && !librariesChanged && previous.generation() > 0) {
            return new Result(new BuildReport.UpToDate(previous.generation()), previous);
        }
        if (pending.isEmpty() && previous.generation() == 0) {
            throw new BuildFailure("no C source files (*.c) found under " + config.projectDir());
        }
        mark();
        int number = Math.max(previous.generation(), store.newest()) + 1;
        Path staging;
        try {
            staging = store.begin(number); // while the compilers run
        } catch (IOException | RuntimeException e) {
            awaitCompiles();
            throw e;
        }
        try {
            return compiledAndPublished(number, staging, pending, previous, names, removed, libraries, librariesChanged);
        } catch (BuildFailure | IOException | ToolException | RuntimeException e) {
            store.abandon(number); // nothing if it was published
            throw e;
        }
    }

    private Result compiledAndPublished(int number, Path staging, List<Pending> pending, BuildState previous,
                                        LinkNames names, List<String> removed, String libraries,
                                        boolean librariesChanged) throws BuildFailure, IOException, ToolException {
        var live = compile(pending);
        mark();
        var objects = new TreeMap<String, ObjectSymbols>();
        for (var module : live) {
            objects.put(module.module().id(), symbols.read(objDir.resolve(module.object()), module.objectHash()));
        }
        var plan = names.plan(number, objects, tools.system(), tools.host(), layoutCheck.globals(live, objects));
        if (!plan.ok()) {
            throw new BuildFailure(BuildReport.Failed.problems(describe(plan.problems())));
        }
        var previousDir = store.dir(previous.generation());
        var previousFiles = fileNames(previousDir);
        var placements = new ArrayList<GenerationAssembly.Placement>();
        for (var module : live) {
            placements.add(place(module, plan, previousFiles, librariesChanged, number));
        }
        if (removed.isEmpty() && placements.stream().allMatch(p -> p.state() == ModuleState.KEPT)) {
            // recompiled into identical objects: remember the new keys, publish nothing
            var state = stateOf(previous.generation(), libraries, previous.stubs(), placements, Map.of());
            stateFile.save(state);
            store.abandon(number);
            return new Result(new BuildReport.UpToDate(previous.generation()), state);
        }
        return publish(number, staging, previous, libraries, placements, objects, names, plan, removed);
    }

    /** Assembles generation {@code number}, publishes it, then saves the state that goes with it. */
    private Result publish(int number, Path staging, BuildState previous, String libraries,
                           List<GenerationAssembly.Placement> placements, TreeMap<String, ObjectSymbols> objects,
                           LinkNames names, LinkPlan plan, List<String> removed) throws BuildFailure, IOException, ToolException {
        var assembly = new GenerationAssembly(config, tools, workers, progress, listener,
                linked -> layoutNamed(linked, placements, objects, number));
        GenerationAssembly.Assembled assembled;
        Path dir;
        try {
            assembled = assembly.assemble(number, staging, previous.generation(), store.dir(previous.generation()),
                    previous.stubs(), placements, objects, plan, removed);
            mark();
            dir = store.publish(number);
        } catch (BuildFailure | IOException | ToolException | RuntimeException e) {
            store.abandon(number);
            throw e;
        }
        var state = stateOf(number, libraries, assembled.stubs(), placements, assembled.linked());
        names.commit(plan);
        var table = config.stateDir().resolve(state.linkNamesFile());
        // Saving the state is off the edit's path: the program reloads meanwhile. The next build
        // (and Builder.close) waits for it first; if it failed, the Builder reads the last saved
        // state again, which does not name this generation: it is never reused (as when the
        // process dies right after publishing).
        cleanup.startSaving(() -> {
            try {
                names.save(table); // the state names the table: the table is complete first
                stateFile.write(BuildStateFile.format(state));
            } catch (IOException e) {
                throw new IOException("generation " + number + " was published, but saving the build state in "
                        + config.stateDir() + " failed: " + e.getMessage(), e);
            }
            return null;
        }, () -> {
            removeStale(state);
            store.prune(Builder.GENERATIONS_KEPT);
            return null;
        });
        symbols.retain(state.modules().values().stream().map(ModuleRecord::objectHash).collect(Collectors.toSet()));
        renameDigests.retain(placements.stream().map(GenerationAssembly.Placement::renames).toList());
        var modules = placements.stream().map(p -> new ModuleBuild(p.live().module().id(), p.live().module().source(),
                p.library(), p.state(), p.live().compiled())).toList();
        var hostNames = plan.hostNames().stream().filter(name -> hostNamesSaid.add(name.cname())).toList();
        var lives = placements.stream().map(GenerationAssembly.Placement::live).toList();
        var generation = new Generation(number, dir, modules, removed, plan.freshGlobals(), hostNames, timings(),
                layoutCheck.published(lives, plan, assembled.linked(), number), layoutCheck.types(lives, objects));
        return new Result(new BuildReport.Published(generation), state);
    }

    /**
     * Every module with its content key. A module whose key changed starts compiling at once,
     * so the compiler runs while the remaining modules are keyed.
     */
    private List<Pending> keyed(Project project, BuildState previous) throws IOException {
        Files.createDirectories(objDir);
        var objects = fileNames(objDir);
        var pending = new ArrayList<Pending>();
        try {
            for (var module : project.modules()) {
                var before = previous.modules().get(module.id());
                var key = tools.keys().key(module, before == null ? List.of() : before.headers(), seen);
                if (key == null) {
                    continue; // deleted since the scan: the next build sees it removed
                }
                boolean compile = before == null || !before.key().equals(key) || !objects.contains(before.object());
                var p = new Pending(module, before, key, compile);
                if (compile) {
                    progress.expect(2);
                    compiling.add(workers.start(() -> compileOne(p)));
                }
                pending.add(p);
            }
        } catch (IOException | RuntimeException e) {
            awaitCompiles();
            throw e;
        }
        return pending;
    }

    /** Waits for the compiles started so far, whatever their outcome: none may outlive a failed build. */
    private void awaitCompiles() {
        try {
            Workers.joinAll(compiling);
        } catch (IOException | ToolException | RuntimeException e) {
            // the build fails for the first reason
        }
    }

    /** The names in {@code dir} (none if it does not exist): one listing instead of a stat per file. */
    private static Set<String> fileNames(Path dir) throws IOException {
        var names = new HashSet<String>();
        if (Files.isDirectory(dir)) {
            try (var entries = Files.newDirectoryStream(dir)) {
                entries.forEach(entry -> names.add(entry.getFileName().toString()));
            }
        }
        return names;
    }

    /** Waits for the compiles {@link #keyed} started; the modules with the objects that go with their sources. */
    private List<LiveModule> compile(List<Pending> pending) throws BuildFailure, IOException, ToolException {
        progress.expect(1);
        var results = Workers.joinAll(compiling);
        var failed = results.stream().filter(c -> !c.ok()).toList();
        if (!failed.isEmpty()) {
            throw new BuildFailure(compileFailure(failed));
        }
        var compiled = new HashMap<String, ModuleCompiler.Compiled>();
        results.forEach(c -> compiled.put(c.module().id(), c));
        var live = new ArrayList<LiveModule>();
        for (var p : pending) {
            var c = compiled.get(p.module().id());
            if (c == null) {
                var r = p.previous();
                live.add(new LiveModule(p.module(), r, r.key(), r.object(), r.objectHash(), r.headers(), false));
            } else {
                var key = tools.keys().key(p.module(), c.headers(), seen);
                var objectHash = FileDigests.sha256(Files.readAllBytes(c.object()));
                live.add(new LiveModule(p.module(), p.previous(), key == null ? p.key() : key,
                        c.object().getFileName().toString(), objectHash, c.headers(), true));
            }
        }
        return live;
    }

    private ModuleCompiler.Compiled compileOne(Pending pending) throws IOException {
        var module = pending.module();
        var object = objDir.resolve(module.stem() + "." + pending.key().substring(0, 16) + ".o");
        listener.moduleCompiling(module.id());
        long began = System.nanoTime();
        ModuleCompiler.Compiled compiled = null;
        try {
            var previous = pending.previous();
            compiled = tools.compiler().compile(module, object, objDir.resolve(module.stem() + ".d"),
                    previous == null ? List.of() : previous.headers(), previous == null);
        } finally {
            listener.moduleCompiled(module.id(), (System.nanoTime() - began) / 1000, compiled != null && compiled.ok());
        }
        if (compiled.ok() && pending.previous() != null) { // its debug info is read while the build goes on
            layoutCheck.start(module.id(), objDir.resolve(pending.previous().object()), compiled.object());
        }
        synchronized (progress) {
            progress.step("CC", module.sourceName());
            if (!compiled.output().isEmpty()) {
                listener.toolOutput(compiled.output());
            }
        }
        return compiled;
    }

    /** The relinked modules' records with their statics named after their layouts ({@link StaticLayoutNames}). */
    private Map<String, LibraryRecords> layoutNamed(Map<String, LibraryRecords> linked,
                                                    List<GenerationAssembly.Placement> placements,
                                                    Map<String, ObjectSymbols> objects, int number) {
        var named = new HashMap<>(linked);
        for (var p : placements) {
            var id = p.live().module().id();
            var records = linked.get(id);
            if (records != null && p.live().previous() != null && !records.statics().isEmpty()) {
                named.put(id, StaticLayoutNames.named(records, p.live().previous().statics(),
                        layoutCheck.staticsChanged(p.live(), objects.get(id)), number));
            }
        }
        return named;
    }

    private BuildReport.Failed compileFailure(List<ModuleCompiler.Compiled> failed) {
        var diagnostics = new ArrayList<Diagnostic>();
        var output = new StringBuilder();
        var problems = new ArrayList<String>();
        for (var c : failed) {
            var found = Diagnostics.parse(c.output(), c.module().directory(), c.module().source());
            diagnostics.addAll(found);
            output.append(c.output());
            if (found.stream().noneMatch(Diagnostic::isError)) {
                problems.add(c.module().sourceName() + ": the compiler failed without an error message");
            }
        }
        return new BuildReport.Failed(diagnostics, output.toString(), problems);
    }

    private GenerationAssembly.Placement place(LiveModule module, LinkPlan plan, Set<String> previousFiles,
                                               boolean librariesChanged, int number) {
        var renames = plan.renamesOf(module.module().id());
        var renamesHash = renameDigests.of(renames);
        var before = module.previous();
        boolean relink = before == null || librariesChanged
                || !module.objectHash().equals(before.objectHash())
                || !renamesHash.equals(before.renamesHash())
                || !previousFiles.contains(before.library());
        var state = before == null ? ModuleState.NEW : relink ? ModuleState.CHANGED : ModuleState.KEPT;
        var library = relink ? module.module().library(number) : before.library();
        return new GenerationAssembly.Placement(module, state, library, renamesHash, renames);
    }

    private static BuildState stateOf(int generation, String libraries, List<String> stubs,
                                      List<GenerationAssembly.Placement> placements,
                                      Map<String, LibraryRecords> linked) {
        var modules = new TreeMap<String, ModuleRecord>();
        for (var p : placements) {
            var live = p.live();
            var id = live.module().id();
            var records = linked.containsKey(id) ? linked.get(id)
                    : live.previous() == null ? LibraryRecords.NONE : live.previous().libraryRecords();
            modules.put(id, new ModuleRecord(id, live.key(), live.object(), live.objectHash(), live.headers(),
                    p.library(), p.renamesHash(), records.statics(), records.hooks(), records.entries()));
        }
        return new BuildState(generation, libraries, stubs, modules);
    }

    /** Objects and link-name tables no longer referenced by the saved state. */
    private void removeStale(BuildState state) throws IOException {
        var keep = new HashSet<String>();
        state.modules().values().forEach(m -> keep.add(m.object()));
        try (var entries = Files.newDirectoryStream(objDir, "*.o")) {
            for (var file : entries) {
                var name = file.getFileName().toString();
                if (!keep.contains(name) && !name.endsWith(".hcr.o")) {
                    Files.deleteIfExists(file);
                }
            }
        }
        try (var entries = Files.newDirectoryStream(config.stateDir(), "link-names.*")) {
            for (var file : entries) {
                if (!file.getFileName().toString().equals(state.linkNamesFile())) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private List<String> describe(List<LinkProblem> problems) {
        return problems.stream().map(p -> p.message().contains(p.moduleId()) && p.message().contains(p.symbol())
                ? p.message()
                : "module '" + p.moduleId() + "': '" + p.symbol() + "': " + p.message()).toList();
    }

    private void mark() {
        marks.add(System.nanoTime());
    }

    private BuildTimings timings() {
        long end = System.nanoTime();
        return new BuildTimings(micros(started, marks.get(0)), micros(marks.get(0), marks.get(1)),
                micros(marks.get(1), marks.get(2)), micros(marks.get(2), end), micros(started, end));
    }

    private static long micros(long from, long to) {
        return (to - from) / 1000;
    }

    private static String digest(String text) {
        return FileDigests.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
