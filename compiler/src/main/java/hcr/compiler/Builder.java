package hcr.compiler;

import hcr.compiler.link.LinkNames;
import hcr.compiler.link.ToolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import hcr.project.ModelException;
import hcr.project.ProgramModels;

/**
 * Builds a project incrementally into published generations. One Builder serves one build
 * folder for the life of the dev server: it keeps content digests, symbol tables and the
 * link-name table in memory between builds, and the same on disk for the next start.
 *
 * <p>{@link #build()} runs one build at a time; call it from any thread. User errors (a
 * compile error, a missing compiler, a vanished project) come back as
 * {@link BuildReport.Failed}, never as exceptions.
 */
public final class Builder implements AutoCloseable {
    /** Published generation folders kept on disk; the runtime works from its own copies. */
    static final int GENERATIONS_KEPT = 20;

    private final BuildConfig config;
    private final ProgramModels models;
    private final BuildListener listener;
    /** {@link #config} for the program as last described (its compiler and link inputs). */
    private BuildConfig effective;
    private final FileDigests digests = new FileDigests();
    private final SymbolCache symbols = new SymbolCache();
    private final Workers workers;
    private final GenerationStore store;
    private final BuildStateFile stateFile;
    private final Cleanup cleanup;
    private final RenameDigests renameDigests = new RenameDigests();
    /** C names reported as the host's in this session (docs/internals.md section 2): each is said once. */
    private final Set<String> hostNamesSaid = new HashSet<>();
    private final ForeignArchives archives;
    private ProgramHeader header;
    private Toolchain tools;
    private BuildState state;
    private LinkNames names;
    private boolean compileAll;
    /** The inputs of the build running, as it began; null before it knows its modules. */
    private InputStamps inputs;

    public Builder(BuildConfig config, BuildListener listener) {
        this.config = config;
        this.models = new ProgramModels(config.projectDir(), config.buildDir());
        this.listener = listener;
        this.workers = new Workers(config.jobs());
        this.store = new GenerationStore(config.generationsDir());
        this.stateFile = new BuildStateFile(config.stateDir().resolve("build-state"));
        this.cleanup = new Cleanup(workers);
        this.archives = new ForeignArchives(config.stateDir().resolve("archives"), digests);
    }

    public BuildConfig config() {
        return config;
    }

    /** Builds run again at most this often when their inputs keep changing under them. */
    static final int RUNS_FOR_CHANGING_INPUTS = 3;

    /**
     * One incremental build: publishes a generation, finds nothing to do, or fails leaving
     * everything as it was. A build that failed while its inputs changed under it (a save still
     * being written as it read them: {@link InputStamps}) runs again, up to
     * {@value #RUNS_FOR_CHANGING_INPUTS} times in all, and only the last run is reported.
     */
    public synchronized BuildReport build() {
        var report = buildOnce();
        for (int run = 1; run < RUNS_FOR_CHANGING_INPUTS && report instanceof BuildReport.Failed
                && inputs != null && inputs.changed(); run++) {
            listener.progress("sources changed during the build: building again");
            report = buildOnce();
        }
        return report;
    }

    private BuildReport buildOnce() {
        long started = System.nanoTime();
        inputs = null;
        cleanup.finish();
        if (cleanup.takeSaveFailure() != null) {
            forget(); // the last saved state, which never names the unsaved generation
        }
        try {
            var model = models.load();
            var project = Project.of(model, config.buildDir());
            prepare(archives.link(config.forModel(model)));
            inputs = InputStamps.of(project, state);
            if (compileAll) {
                state = state.forgettingKeys();
                compileAll = false;
            }
            var run = new BuildRun(effective, tools, symbols, workers, listener, store, stateFile, cleanup,
                    renameDigests, hostNamesSaid, started);
            var result = run.run(project, state, names);
            state = result.state();
            return result.report();
        } catch (ProjectException e) {
            return BuildReport.Failed.problem(e.getMessage());
        } catch (ModelException e) {
            return BuildReport.Failed.problem(e.getMessage());
        } catch (BuildFailure e) {
            return e.report();
        } catch (ToolException e) {
            forget();
            var output = e.output();
            return new BuildReport.Failed(Diagnostics.parse(output, config.projectDir(), config.projectDir()),
                    output, List.of(e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            forget();
            return BuildReport.Failed.problem(e.getMessage());
        } catch (RuntimeException | Error e) {
            forget();
            throw e;
        }
    }

    /**
     * Makes the next {@link #build()} compile every module again, whatever the content keys say
     * ({@code make -B}). It publishes only if some object came out different.
     */
    public synchronized void compileAllNext() {
        compileAll = true;
    }

    /** The generation {@code gen/current} names on disk, 0 before the first. */
    public int currentGeneration() {
        try {
            return store.current();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Sets up the tools for {@code described}; again when its compiler or link inputs changed. */
    private void prepare(BuildConfig described) throws IOException, ProjectException {
        Files.createDirectories(config.stateDir());
        if (header == null) {
            header = new ProgramHeader(Builder.class.getClassLoader());
        }
        header.extractTo(config.includeDir());
        if (tools == null || !described.equals(effective)) {
            var identity = CompilerIdentity.probe(described.ccCommand(), described.projectDir());
            var compiler = new ModuleCompiler(described, described.includeDir(), listener.colour());
            tools = new Toolchain(described, identity, compiler, digests);
            effective = described;
        }
        if (state == null) {
            load();
        }
    }

    /** Reads the saved state; one that does not match the build folder is dropped (all is rebuilt). */
    private void load() throws IOException {
        var saved = stateFile.load();
        var table = config.stateDir().resolve(saved.linkNamesFile());
        if (saved.generation() > 0 && (!Files.isRegularFile(table) || !Files.isDirectory(store.dir(saved.generation())))) {
            saved = BuildState.EMPTY;
        }
        state = saved;
        names = saved.generation() == 0 ? LinkNames.empty() : LinkNames.load(table);
    }

    /** Drops what is in memory; the next build reads the last saved state again. */
    private void forget() {
        state = null;
        names = null;
    }

    @Override
    public void close() {
        cleanup.finish();
        workers.close();
    }
}
