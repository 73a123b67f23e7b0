package hcr.cli.bench;

import hcr.compiler.BuildConfig;
import hcr.loader.HostException;
import hcr.project.ModelException;
import hcr.project.ProgramModels;
import hcr.watcher.WatchOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hcr bench <dir>}: edit-to-effect on a copy of the project (and Nim's hot code reloading
 * on the same edit, or the edited file's bare compile with its own recorded flags);
 * {@code hcr bench --core <dir>}: the reload mechanism's own figures; {@code hcr bench --init
 * <dir> -- <build command>}: hcr init against the plain build, and the first hcr build.
 */
@Command(name = "bench", sortOptions = false,
        description = {"Measure hcr on a copy of a project (your files are never edited): edit one module "
                + "again and again and time each save until the program prints the new code's first line; "
                + "compare with Nim's hot code reloading when nim is on PATH, or, for a project described by "
                + "hcr.toml or a compile database, with a bare compile of the edited file with its own flags.",
                "With --core: rebuild against bare gcc, reload with 10 and 200 modules loaded, a call through "
                + "a stub against a direct call, the no-op build, the reload of a 500-function module with and "
                + "without forwarding old entries, and a call through a forwarded old pointer against calls that "
                + "never went through an old version; <dir> is the demo.",
                "With --init: the build command after -- alone against hcr init with it, each on fresh copies "
                + "of the tree (cleaned once by --clean), then the first hcr build of the init'd copy."})
public final class BenchCommand implements Callable<Integer> {

    static final String DEMO_EDIT = "s/#define STEP [0-9]+/#define STEP {n}/";
    static final String DEMO_EXPECT = "step \\+{n} ";

    @Parameters(index = "0", paramLabel = "<dir>", description = "The project (the demo for --core).")
    Path projectDir;

    @Parameters(index = "1..*", paramLabel = "args",
            description = "Arguments for the program (after --). Default: hcr.toml's, or for a folder 1, the demo's"
                    + " tick interval in ms. With --init: the build command.")
    List<String> programArgs = new ArrayList<>();

    @Option(names = "--edits", paramLabel = "N", defaultValue = "20", description = "Edits measured. Default: ${DEFAULT-VALUE}.")
    int edits;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Edits (with --init: rounds) made first and not counted. Default: 2 edits, 1 round.")
    Integer warmup;

    @Option(names = "--module", paramLabel = "FILE", defaultValue = "sim.c",
            description = "The file edited, relative to <dir>. Default: ${DEFAULT-VALUE}.")
    String module;

    @Option(names = "--edit", paramLabel = "s/REGEX/TEXT/", defaultValue = DEMO_EDIT,
            description = "The edit; {n} in TEXT is the edit's number. Default: ${DEFAULT-VALUE}.")
    String edit;

    @Option(names = "--expect", paramLabel = "REGEX", defaultValue = DEMO_EXPECT,
            description = "The output line that shows edit {n} took effect. Default: ${DEFAULT-VALUE}.")
    String expect;

    @Option(names = "--nim", negatable = true,
            description = "Compare with Nim's --hotcodereloading:on on the same edit of an equivalent program. "
                    + "Default: when nim is on PATH and the edit is the demo's.")
    Boolean nim;

    @Option(names = "--quiet-ms", paramLabel = "MS", defaultValue = "10",
            description = "The watcher's quiet period, as hcr dev's. Default: ${DEFAULT-VALUE}.")
    long quietMillis;

    @Option(names = "--core", description = "Measure the reload mechanism's core figures instead.")
    boolean core;

    @Option(names = "--init", description = "Measure hcr init against the plain build, and the first hcr build.")
    boolean init;

    @Option(names = "--target", paramLabel = "NAME", description = "With --init: hcr init's --target.")
    String target;

    @Option(names = "--clean", paramLabel = "COMMAND",
            description = "With --init: a shell command run once in a copy of <dir> before the rounds copy it,"
                    + " e.g. 'make clean'.")
    String clean;

    @Option(names = "--reps", paramLabel = "N",
            description = "Repetitions: of each core figure (at least 15, default 15), of the --init rounds"
                    + " (default 5).")
    Integer reps;

    @Option(names = "--keep", description = "Keep the bench's temporary folder.")
    boolean keep;

    @Override
    public Integer call() throws InterruptedException {
        var console = Console.standard();
        if (!Files.isDirectory(projectDir)) {
            console.progress("hcr: project directory not found: " + projectDir);
            return 2;
        }
        int warm = warmup != null ? warmup : init ? 1 : 2;
        int repetitions = reps != null ? reps : init ? 5 : 15;
        if (edits < 1 || warm < 0 || repetitions < (init ? 1 : 15) || core && init) {
            console.progress("hcr: --edits must be at least 1, --warmup at least 0, --reps at least 15 (with --init"
                    + " at least 1); --core and --init exclude each other");
            return 2;
        }
        if (init && programArgs.isEmpty()) {
            console.progress("hcr: --init needs the build command after --, like: hcr bench --init DIR -- make");
            return 2;
        }
        var loadBefore = Machine.loadAverage();
        try (var workspace = new Workspace(keep)) {
            var sourceEdit = SourceEdit.parse(module, edit, expect);
            var copy = init ? workspace.copy(projectDir, "clean") : workspace.copy(projectDir);
            console.progress("hcr bench: " + projectDir + " copied to " + copy + "; " + Machine.describe());
            if (core) {
                new CoreBench(console, workspace, copy, sourceEdit, repetitions).run(loadBefore);
            } else if (init) {
                initRounds(console, workspace, copy, warm, repetitions, loadBefore);
            } else {
                edits(console, workspace, copy, sourceEdit, warm, loadBefore);
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            console.progress("hcr: " + e.getMessage());
            return 2;
        } catch (BenchFailure | IOException | HostException | ModelException e) {
            console.progress("hcr: bench failed: " + e.getMessage());
            return 1;
        }
    }

    /** hcr init against the plain build, and the first hcr build, on fresh copies of {@code tree}. */
    private void initRounds(Console console, Workspace workspace, Path tree, int warm, int rounds, String loadBefore)
            throws BenchFailure, IOException {
        if (clean != null) {
            InitBench.clean(tree, clean);
        }
        var build = new PlainBuild(programArgs);
        var learn = new InitRun(Optional.ofNullable(target), programArgs);
        var figures = new InitBench(console, workspace, build, learn).run(tree, warm, rounds);
        console.result(InitTable.header(projectDir, Optional.ofNullable(clean), build, learn, warm, loadBefore));
        console.result(InitTable.render(figures, BuildConfig.defaults(tree).jobs()));
    }

    /**
     * hcr's edit-to-effect, and Nim's when compared, or the edited file's bare compile when the
     * project records its compiles; returns once the tables are printed.
     */
    private void edits(Console console, Workspace workspace, Path copy, SourceEdit sourceEdit, int warm,
                       String loadBefore)
            throws BenchFailure, IOException, InterruptedException, ModelException {
        var config = BuildConfig.defaults(copy);
        var model = ProgramModels.load(copy, config.buildDir());
        var bare = RecordedCompile.of(model, copy.resolve(module), workspace.folder("bare").resolve("bare.o"),
                config.cc());
        var args = programArgs.isEmpty() && model.isFolder() ? List.of("1") : programArgs;
        var toolchain = Boolean.FALSE.equals(nim) ? Optional.<NimToolchain>empty() : NimToolchain.find();
        if (Boolean.TRUE.equals(nim) && toolchain.isEmpty()) {
            throw new IllegalArgumentException("--nim: no nim on PATH");
        }
        boolean demoEdit = module.equals("sim.c") && edit.equals(DEMO_EDIT) && expect.equals(DEMO_EXPECT);
        var nimEdits = toolchain.filter(found -> nim != null || demoEdit)
                .map(found -> new NimEdits(console, workspace, found, args));
        var options = WatchOptions.defaults().withQuietPeriod(Duration.ofMillis(quietMillis));
        try (var hcr = new HcrEdits(console, config, sourceEdit, args, options)) {
            var result = new EditBench(console, hcr, nimEdits, bare).run(warm, edits);
            console.result(EditTable.header(copy, sourceEdit, args, bare, loadBefore));
            console.result(EditTable.render(result.hcr(), result.bareMicros(), quietMillis));
            if (nimEdits.isPresent()) {
                console.result(NimTable.render(nimEdits.get().toolchain(), result.nim(), result.nimFailures(),
                        EditTable.medianMicros(result.hcr())));
            }
        } finally {
            nimEdits.ifPresent(NimEdits::close);
        }
    }
}
