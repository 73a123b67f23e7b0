package hcr.cli.bench;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.Builder;
import hcr.compiler.Generation;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The first {@code hcr dev} build of the whole program: a fresh {@link Builder}'s
 * {@link Builder#build()} from an empty build folder, as {@code hcr dev} starts.
 */
final class FirstBuild {

    /** One first build: how long {@code build()} took and what it published. */
    record Outcome(long micros, Generation generation) {
    }

    private FirstBuild() {
    }

    /** Removes {@code <project>/.hcr}, then builds {@code project} once. */
    static Outcome run(Path project) throws BenchFailure, IOException {
        var config = BuildConfig.defaults(project);
        Workspace.delete(config.buildDir());
        try (var builder = new Builder(config, BuildListener.silent())) {
            long start = System.nanoTime();
            var report = builder.build();
            long micros = (System.nanoTime() - start) / 1000;
            return new Outcome(micros, Builds.published(report, "first build of " + project.getFileName()));
        }
    }
}
