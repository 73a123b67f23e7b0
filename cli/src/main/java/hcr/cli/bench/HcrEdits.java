package hcr.cli.bench;

import hcr.compiler.BuildConfig;
import hcr.project.ModelException;
import hcr.watcher.WatchOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/** hcr's side of the edit bench: the copied project running in the dev pipeline, edited on demand. */
final class HcrEdits implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final BuildConfig config;
    private final SourceEdit edit;
    private final DevPipeline pipeline;
    private String original;

    HcrEdits(Console console, BuildConfig config, SourceEdit edit, List<String> programArgs, WatchOptions watchOptions)
            throws ModelException {
        this.config = config;
        this.edit = edit;
        this.pipeline = new DevPipeline(config, watchOptions, programArgs, console);
    }

    SourceEdit sourceEdit() {
        return edit;
    }

    void start() throws BenchFailure, IOException, InterruptedException {
        var source = config.projectDir().resolve(edit.file());
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("--module " + edit.file() + ": no such file in the project");
        }
        original = Files.readString(source, StandardCharsets.UTF_8);
        edit.applyTo(original, 0);
        pipeline.start(TIMEOUT);
    }

    /** Saves edit {@code n} and follows it through the pipeline until the program shows it. */
    EditTrace edit(int n) throws BenchFailure, IOException, InterruptedException {
        var expected = edit.expected(n);
        if (pipeline.printed(expected)) {
            throw new BenchFailure("the program prints /" + expected + "/ before edit " + n
                    + ": choose --expect so that only the edited code prints it");
        }
        var probe = new EditProbe(n, expected);
        pipeline.arm(probe);
        probe.written(edit.save(config.projectDir(), original, n));
        return probe.await(TIMEOUT);
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
