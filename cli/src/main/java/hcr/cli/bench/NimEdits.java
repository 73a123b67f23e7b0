package hcr.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Nim's side of the edit bench, the way Nim's hot code reloading documentation works: edit
 * {@code sim.nim}, run {@code nim c --hotcodereloading:on main.nim} at once (Nim has no watcher,
 * so its figure has no watch share), then press the reload key, on which the loop calls
 * {@code performCodeReload()}; the effect is the first line showing the new step.
 */
final class NimEdits implements AutoCloseable {

    static final SourceEdit EDIT = new SourceEdit("sim.nim", Pattern.compile("^const step\\* = [0-9]+$", Pattern.MULTILINE),
            "const step* = {n}", BenchCommand.DEMO_EXPECT);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** From the reload key to the new line: one tick and a reload, normally a few ms. */
    private static final Duration EFFECT_TIMEOUT = Duration.ofSeconds(10);

    private final Console console;
    private final Workspace workspace;
    private final NimToolchain nim;
    private final List<String> programArgs;
    private Path dir;
    private List<String> build;
    private String original;
    private NimProgram program;

    NimEdits(Console console, Workspace workspace, NimToolchain nim, List<String> programArgs) {
        this.console = console;
        this.workspace = workspace;
        this.nim = nim;
        this.programArgs = List.copyOf(programArgs);
    }

    NimToolchain toolchain() {
        return nim;
    }

    /** Builds the runtime libraries and the program, and starts it. */
    void start() throws BenchFailure, IOException, InterruptedException {
        dir = workspace.folder("nim/demo");
        var cache = workspace.folder("nim/cache");
        NimProgram.writeSources(dir);
        console.progress("nim: " + nim.version() + "; building libnimhcr.so and libnimrtl.so");
        nim.buildRuntime(dir, dir, cache);
        build = nim.buildCommand(dir.resolve("main.nim"), cache.resolve("main"));
        long started = System.nanoTime();
        Command.run(dir, build);
        console.progress("nim: built main in " + Units.ms((System.nanoTime() - started) / 1000.0) + " ms: "
                + String.join(" ", build));
        original = Files.readString(dir.resolve(EDIT.file()), StandardCharsets.UTF_8);
        launch();
    }

    /** Starts the program again after a failed reload: it loads the newest build. */
    void restart() throws BenchFailure, IOException, InterruptedException {
        program.close();
        launch();
    }

    private void launch() throws BenchFailure, IOException, InterruptedException {
        program = NimProgram.start(dir.resolve("main"), dir, programArgs, dir);
        program.awaitFirstLine(TIMEOUT.toSeconds());
    }

    NimTrace edit(int n) throws BenchFailure, IOException, InterruptedException {
        var probe = new NimProbe(EDIT.expected(n));
        program.arm(probe);
        long write = EDIT.save(dir, original, n);
        try {
            Command.run(dir, build);
        } catch (IOException e) {
            throw new BenchFailure("nim c failed: " + e.getMessage(), e);
        }
        long built = System.nanoTime();
        program.pressReloadKey();
        return probe.await(write, built, EFFECT_TIMEOUT);
    }

    @Override
    public void close() {
        if (program != null) {
            program.close();
        }
    }
}
