package hcr.cli;

import hcr.compiler.BuildConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What every command needs to know about the project: where it is and where its build goes. */
final class ProjectOptions {

    @Parameters(index = "0", paramLabel = "<dir>", description = "The project directory: every .c file in it is a module.")
    Path projectDir;

    @Option(names = "--build-dir", paramLabel = "D", description = "Build folder (default: <dir>/.hcr).")
    Path buildDir;

    /** The build configuration, or a usage error naming the missing directory. */
    BuildConfig config() {
        if (!Files.isDirectory(projectDir)) {
            throw new UsageError("project directory not found: " + projectDir);
        }
        var config = BuildConfig.defaults(projectDir);
        return buildDir == null ? config : config.withBuildDir(buildDir);
    }

    /** A mistake in how hcr was called: printed as one line, exit status 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}
