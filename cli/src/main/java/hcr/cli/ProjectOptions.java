package hcr.cli;

import hcr.compiler.BuildConfig;
import hcr.loader.HostOptions;
import hcr.project.ModelException;
import hcr.project.ProgramModel;
import hcr.project.ProgramModels;
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

    /** The program as described in the project (hcr.toml, a compile database or the folder). */
    static ProgramModel model(BuildConfig config) {
        try {
            return ProgramModels.load(config.projectDir(), config.buildDir());
        } catch (ModelException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /**
     * {@code options} for running the program {@code model} describes: its name, working directory
     * and environment, and its arguments unless {@code args} (from the command line) are given.
     */
    static HostOptions launch(HostOptions options, ProgramModel model, List<String> args) {
        var launched = options.withArgs((args.isEmpty() ? model.programArgs() : args).toArray(String[]::new))
                .withWorkingDir(model.workingDir().orElse(null));
        if (model.name().isPresent()) {
            launched = launched.withProgramName(model.name().get());
        }
        for (var variable : model.environment().entrySet()) {
            launched = launched.withEnvironment(variable.getKey(), variable.getValue());
        }
        return launched;
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
