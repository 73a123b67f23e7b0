package hcr.compiler;

import hcr.compiler.elf.ObjectSymbols;
import hcr.compiler.link.LinkPlan;
import hcr.compiler.link.Manifest;
import hcr.compiler.link.ToolException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.UnaryOperator;

/**
 * Fills a generation's staging folder: relinks the modules that need a new library (rename,
 * then {@code cc -shared}), hard-links everything unchanged from the previous generation, adds
 * a stub library for never-seen function names and never-exported C names, writes the group library (and, when the
 * previous generation is N-1, the delta group) and the manifest.
 */
final class GenerationAssembly {
    private final BuildConfig config;
    private final Toolchain tools;
    private final Workers workers;
    private final Progress progress;
    private final BuildListener listener;
    private final Path objDir;
    private final UnaryOperator<Map<String, LibraryRecords>> relinked;

    /** Where a live module's library comes from in the new generation. */
    record Placement(BuildRun.LiveModule live, ModuleState state, String library, String renamesHash,
                     Map<String, String> renames) {
    }

    /** What assembling found out: the stub libraries, and the statics and hooks of relinked modules. */
    record Assembled(List<String> stubs, Map<String, LibraryRecords> linked) {
    }

    private record Linked(String id, Subprocess.Result result, LibraryRecords records) {
    }

    GenerationAssembly(BuildConfig config, Toolchain tools, Workers workers, Progress progress,
                       BuildListener listener) {
        this(config, tools, workers, progress, listener, UnaryOperator.identity());
    }

    /**
     * @param relinked what the build does to the records of the relinked modules once they are
     *                 linked, before the manifest lists them (names their statics after their
     *                 layouts: {@link StaticLayoutNames})
     */
    GenerationAssembly(BuildConfig config, Toolchain tools, Workers workers, Progress progress,
                       BuildListener listener, UnaryOperator<Map<String, LibraryRecords>> relinked) {
        this.relinked = relinked;
        this.config = config;
        this.tools = tools;
        this.workers = workers;
        this.progress = progress;
        this.listener = listener;
        this.objDir = config.stateDir().resolve("obj");
    }

    /**
     * Assembles generation {@code number} in {@code staging} from {@code previousGeneration} (0:
     * none) in {@code previousDir}; placement states are relative to that generation.
     */
    Assembled assemble(int number, Path staging, int previousGeneration, Path previousDir, List<String> previousStubs,
                       List<Placement> placements, SortedMap<String, ObjectSymbols> objects, LinkPlan plan,
                       List<String> removed) throws BuildFailure, IOException, ToolException {
        var relinks = placements.stream().filter(p -> p.state() != ModuleState.KEPT).toList();
        var stubs = new ArrayList<>(previousStubs);
        var newStubs = plan.newStubLibrary() ? "libhcrstubs." + number + ".so" : null;
        if (newStubs != null) {
            stubs.add(newStubs);
        }
        progress.revise(relinks.size() + (newStubs == null ? 0 : 1) + 1);
        var group = "libhcrgroup.g" + number + ".so";
        var needed = new ArrayList<>(stubs);
        placements.forEach(p -> needed.add(p.library()));
        // the delta group (docs/internals.md section 4): only what is new relative to N-1, whose
        // libraries a runtime at N-1 has loaded already; states are relative to previousGeneration
        var delta = previousGeneration > 0 && previousGeneration == number - 1
                ? new Manifest.Delta("libhcrdelta.g" + number + ".so", previousGeneration) : null;
        var deltaNeeded = new ArrayList<String>();
        if (newStubs != null) {
            deltaNeeded.add(newStubs);
        }
        relinks.forEach(p -> deltaNeeded.add(p.library()));
        // the stubs need no module library: they link while the modules do
        var stubsDone = newStubs == null ? null : workers.start(() -> {
            tools.stubs().build(plan.newFunctions(), plan.exports(), staging, newStubs);
            return newStubs;
        });
        // while the compiler driver links the changed libraries: hard links, the group, the uses graph
        List<Workers.Step<Linked>> steps = relinks.stream()
                .<Workers.Step<Linked>>map(p -> () -> linkOne(staging, p, objects.get(p.live().module().id())))
                .toList();
        var linking = workers.startAll(steps);
        Map<String, LibraryRecords> linked;
        List<Manifest.Uses> uses;
        try {
            for (var stub : previousStubs) {
                hardLink(previousDir.resolve(stub), staging.resolve(stub));
            }
            for (var p : placements) {
                if (p.state() == ModuleState.KEPT) {
                    hardLink(previousDir.resolve(p.library()), staging.resolve(p.library()));
                }
            }
            tools.group().write(staging, group, needed); // every library it needs is made by this assembly
            if (delta != null) {
                tools.group().write(staging, delta.file(), deltaNeeded);
            }
            uses = ModuleUses.of(placements.stream().map(p -> p.live().module().id()).toList(), objects);
        } finally {
            awaitQuietly(linking);
        }
        try {
            linked = linked(linking.join());
        } finally {
            awaitQuietly(stubsDone);
        }
        if (stubsDone != null) {
            progress.step("LINK", stubsDone.join());
        }
        linked = relinked.apply(linked);
        progress.step("LINK", group);
        manifest(number, group, delta, stubs, placements, uses, plan, removed, linked)
                .write(staging.resolve("manifest"));
        return new Assembled(stubs, linked);
    }

    /** Waits for a background step whose failure, if any, is reported elsewhere or later. */
    private static void awaitQuietly(Workers.Started<?> step) {
        if (step == null) {
            return;
        }
        try {
            step.join();
        } catch (IOException | ToolException | RuntimeException e) {
            // join() again reports it
        }
    }

    /** The statics and hooks of the relinked modules, or the failure of the links that failed. */
    private Map<String, LibraryRecords> linked(List<Linked> results) throws BuildFailure {
        var failed = results.stream().filter(l -> !l.result().ok()).toList();
        if (!failed.isEmpty()) {
            var diagnostics = new ArrayList<Diagnostic>();
            var output = new StringBuilder();
            var problems = new ArrayList<String>();
            for (var l : failed) {
                var source = config.projectDir().resolve(l.id() + ".c");
                var found = Diagnostics.parse(l.result().output(), config.projectDir(), source);
                diagnostics.addAll(found);
                output.append(l.result().output());
                if (found.stream().noneMatch(Diagnostic::isError)) {
                    problems.add("module " + l.id() + ": linking failed (exit " + l.result().exitCode() + ")");
                }
            }
            throw new BuildFailure(new BuildReport.Failed(diagnostics, output.toString(), problems));
        }
        var problems = results.stream().flatMap(l -> l.records().problems().stream()).toList();
        if (!problems.isEmpty()) {
            throw new BuildFailure(BuildReport.Failed.problems(problems));
        }
        var linked = new HashMap<String, LibraryRecords>();
        results.forEach(l -> linked.put(l.id(), l.records()));
        return linked;
    }

    private Linked linkOne(Path staging, Placement placement, ObjectSymbols symbols) throws IOException, ToolException {
        var module = placement.live().module();
        var renamed = objDir.resolve(module.stem() + ".hcr.o");
        var library = staging.resolve(placement.library());
        var object = objDir.resolve(placement.live().object());
        var inMemory = tools.renamer().renamedBytes(object, placement.renames());
        ModuleLinker.Linked linked;
        if (inMemory.isPresent()) {
            linked = tools.linker().link(inMemory.get(), renamed, library);
        } else {
            tools.renamer().rename(object, placement.renames(), renamed);
            linked = tools.linker().linkTraced(renamed, library);
        }
        var result = linked.result();
        synchronized (progress) {
            progress.step("LINK", placement.library());
            if (!result.output().isEmpty()) {
                listener.toolOutput(result.output());
            }
        }
        if (!result.ok()) {
            return new Linked(module.id(), result, LibraryRecords.NONE);
        }
        // the functions old versions forward through, named as the renamed object names them
        var entries = FunctionEntries.of(module.id(), inMemory.isPresent() ? inMemory.get() : Files.readAllBytes(renamed),
                Files.readAllBytes(library));
        return new Linked(module.id(), result, LibraryRecords.of(module.id(), symbols, ObjectSymbols.read(library),
                linked.statics()).withEntries(entries));
    }

    private Manifest manifest(int number, String group, Manifest.Delta delta, List<String> stubs, List<Placement> placements,
                              List<Manifest.Uses> uses, LinkPlan plan, List<String> removed,
                              Map<String, LibraryRecords> linked) {
        var modules = new ArrayList<Manifest.Module>();
        var statics = new ArrayList<Manifest.Static>();
        var hooks = new ArrayList<Manifest.Hook>();
        var entries = new ArrayList<Manifest.Entry>();
        for (var p : placements) {
            var id = p.live().module().id();
            modules.add(new Manifest.Module(id, p.library(), p.state().manifestName()));
            var records = linked.containsKey(id) ? linked.get(id) : p.live().previous().libraryRecords();
            statics.addAll(records.statics());
            hooks.addAll(records.hooks());
            entries.addAll(records.entries());
        }
        var functions = plan.functions().stream()
                .map(f -> new Manifest.Function(f.moduleId(), f.cname(), f.linkName())).toList();
        var globals = plan.globals().stream()
                .map(g -> new Manifest.Global(g.moduleId(), g.cname(), g.linkName(), g.size())).toList();
        return new Manifest(number, tools.arch().manifestName(), group, stubs, modules, removed, functions, globals,
                statics, uses, hooks, delta, entries);
    }

    private static void hardLink(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (!Files.exists(from)) {
                throw new IOException("cannot keep " + from.getFileName() + ": it is missing from " + from.getParent(), e);
            }
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
