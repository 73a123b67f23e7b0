package hcr.cli;

import hcr.compiler.BuildConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What every command needs to know about the project: where it is (the current directory when
 * none is given), where its build goes, and the program's arguments after {@code --}.
 */
final class ProjectOptions {

    @Parameters(paramLabel = "[<dir>] [-- args]",
            description = "The project directory (default: the current one), then -- and the program's arguments.")
    List<String> words = new ArrayList<>();

    @Option(names = "--build-dir", paramLabel = "D", description = "Build folder (default: <dir>/.hcr).")
    Path buildDir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The project directory: the one word before {@code --}, or the current directory. */
    Path projectDir() {
        var before = wordsBeforeSeparator();
        if (before.size() > 1 && hasSeparator()) {
            throw new UsageError("give one project directory, then -- and the program's arguments; got "
                    + String.join(" ", before));
        }
        return before.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(before.get(0));
    }

    /**
     * The program's arguments: the words after {@code --}, or (without {@code --}) those after the
     * directory; empty when none were given.
     */
    List<String> programArgs() {
        var before = wordsBeforeSeparator();
        return words.subList(Math.min(words.size(), hasSeparator() ? before.size() : 1), words.size());
    }

    /** The build configuration, or a usage error naming the missing directory. */
    BuildConfig config() {
        var dir = projectDir();
        if (!Files.isDirectory(dir)) {
            throw new UsageError("project directory not found: " + dir);
        }
        var config = BuildConfig.defaults(dir);
        return buildDir == null ? config : config.withBuildDir(buildDir);
    }

    private boolean hasSeparator() {
        return spec != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().originalArgs().contains("--");
    }

    /** The positional words given before {@code --} (all of them when there is none). */
    private List<String> wordsBeforeSeparator() {
        if (!hasSeparator()) {
            return words.isEmpty() ? List.of() : words.subList(0, 1);
        }
        var original = spec.commandLine().getParseResult().originalArgs();
        int after = original.size() - original.indexOf("--") - 1;
        return words.subList(0, Math.max(0, words.size() - after));
    }

    /** A mistake in how hcr was called: printed as one line, exit status 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}
