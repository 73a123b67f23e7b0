package hcr.cli.bench;

import hcr.compiler.BuildConfig;
import hcr.loader.HostException;
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
 * on the same edit); {@code hcr bench --core <dir>}: the reload mechanism's own figures.
 */
@Command(name = "bench", sortOptions = false,
        description = {"Measure hcr on a copy of a project (your files are never edited): edit one module "
                + "again and again and time each save until the program prints the new code's first line; "
                + "compare with Nim's hot code reloading when nim is on PATH.",
                "With --core: rebuild against bare gcc, reload with 10 and 200 modules loaded, a call through "
                + "a stub against a direct call, and the no-op build; <dir> is the demo."})
public final class BenchCommand implements Callable<Integer> {

    static final String DEMO_EDIT = "s/#define STEP [0-9]+/#define STEP {n}/";
    static final String DEMO_EXPECT = "step \\+{n} ";

    @Parameters(index = "0", paramLabel = "<dir>", description = "The project (the demo for --core).")
    Path projectDir;

    @Parameters(index = "1..*", paramLabel = "args",
            description = "Arguments for the program (after --). Default: 1, the demo's tick interval in ms.")
    List<String> programArgs = new ArrayList<>();

    @Option(names = "--edits", paramLabel = "N", defaultValue = "20", description = "Edits measured. Default: ${DEFAULT-VALUE}.")
    int edits;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = "Edits made first and not counted. Default: ${DEFAULT-VALUE}.")
    int warmup;

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

    @Option(names = "--reps", paramLabel = "N", defaultValue = "15",
            description = "Repetitions of each core figure (at least 15). Default: ${DEFAULT-VALUE}.")
    int reps;

    @Option(names = "--keep", description = "Keep the bench's temporary folder.")
    boolean keep;

    @Override
    public Integer call() throws InterruptedException {
        var console = Console.standard();
        if (!Files.isDirectory(projectDir)) {
            console.progress("hcr: project directory not found: " + projectDir);
            return 2;
        }
        if (edits < 1 || warmup < 0 || reps < 15) {
            console.progress("hcr: --edits must be at least 1, --warmup at least 0, --reps at least 15");
            return 2;
        }
        var args = programArgs.isEmpty() ? List.of("1") : programArgs;
        var loadBefore = Machine.loadAverage();
        try (var workspace = new Workspace(keep)) {
            var sourceEdit = SourceEdit.parse(module, edit, expect);
            var copy = workspace.copy(projectDir);
            console.progress("hcr bench: " + projectDir + " copied to " + copy + "; " + Machine.describe());
            if (core) {
                new CoreBench(console, workspace, copy, sourceEdit, reps).run(loadBefore);
                return 0;
            }
            edits(console, workspace, copy, sourceEdit, args, loadBefore);
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            console.progress("hcr: " + e.getMessage());
            return 2;
        } catch (BenchFailure | IOException | HostException e) {
            console.progress("hcr: bench failed: " + e.getMessage());
            return 1;
        }
    }

    /** hcr's edit-to-effect, and Nim's when compared; returns once both tables are printed. */
    private void edits(Console console, Workspace workspace, Path copy, SourceEdit sourceEdit, List<String> args,
                       String loadBefore)
            throws BenchFailure, IOException, InterruptedException {
        var toolchain = Boolean.FALSE.equals(nim) ? Optional.<NimToolchain>empty() : NimToolchain.find();
        if (Boolean.TRUE.equals(nim) && toolchain.isEmpty()) {
            throw new IllegalArgumentException("--nim: no nim on PATH");
        }
        boolean demoEdit = module.equals("sim.c") && edit.equals(DEMO_EDIT) && expect.equals(DEMO_EXPECT);
        var nimEdits = toolchain.filter(found -> nim != null || demoEdit)
                .map(found -> new NimEdits(console, workspace, found, args));
        var options = WatchOptions.defaults().withQuietPeriod(Duration.ofMillis(quietMillis));
        try (var hcr = new HcrEdits(console, BuildConfig.defaults(copy), sourceEdit, args, options)) {
            var result = new EditBench(console, hcr, nimEdits).run(warmup, edits);
            console.result(EditTable.header(copy, sourceEdit, args, loadBefore));
            console.result(EditTable.render(result.hcr(), quietMillis));
            if (nimEdits.isPresent()) {
                console.result(NimTable.render(nimEdits.get().toolchain(), result.nim(), result.nimFailures(),
                        EditTable.medianMicros(result.hcr())));
            }
        } finally {
            nimEdits.ifPresent(NimEdits::close);
        }
    }
}
