package hcr.compiler;

import hcr.project.ModelException;
import hcr.project.ProgramModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hcr build --release}: the same sources as one ordinary executable, without
 * {@code -DHCR} (hcr.h's calls compile to nothing). The proof that a program never depends on
 * hcr. A folder of C files is built {@code cc -O2 -o <build>/release/<project-name> *.c
 * <libraries>}; a described program (hcr.toml, a compile database) compiles every module with
 * its own flags in its own directory, then links them with its link inputs, as its own build
 * would.
 */
public final class ReleaseBuild {
    private final BuildConfig config;
    private final BuildListener listener;

    public ReleaseBuild(BuildConfig config, BuildListener listener) {
        this.config = config;
        this.listener = listener;
    }

    public ReleaseResult build() {
        try {
            var model = ProgramModels.load(config.projectDir(), config.buildDir());
            var project = Project.of(model, config.buildDir());
            var described = config.forModel(model);
            if (project.modules().isEmpty()) {
                return BuildReport.Failed.problem("no C source files (*.c) found under " + config.projectDir());
            }
            CompilerIdentity.probe(described.ccCommand(), config.projectDir());
            new ProgramHeader(ReleaseBuild.class.getClassLoader()).extractTo(config.includeDir());
            var dir = config.buildDir().resolve("release");
            Files.createDirectories(dir);
            var name = model.name().orElse(config.projectDir().getFileName() == null ? "program"
                    : config.projectDir().getFileName().toString());
            var executable = dir.resolve(name);
            var objects = new ArrayList<String>();
            int step = 0;
            int steps = project.modules().size() + 1;
            for (var module : project.modules()) {
                var object = dir.resolve("obj").resolve(module.stem() + ".o");
                Files.createDirectories(object.getParent());
                var command = new ArrayList<>(described.ccCommand());
                command.add("-c");
                command.addAll(module.flags());
                if (project.folder()) {
                    command.add("-O2");
                }
                command.addAll(common(described));
                command.addAll(List.of(module.sourceArgument(), "-o", object.toString()));
                listener.progress("[" + ++step + "/" + steps + "] CC " + module.sourceName());
                var failed = failure(Subprocess.run(command, module.directory()), module.directory(), module.source());
                if (failed != null) {
                    return failed;
                }
                objects.add(object.toString());
            }
            var command = new ArrayList<>(described.ccCommand());
            command.addAll(List.of("-o", executable.toString()));
            command.addAll(objects);
            command.addAll(described.libraries());
            if (!described.libraries().contains("-lm")) {
                command.add("-lm"); // under hcr the host process always has libm: a program may lean on it unawares
            }
            listener.progress("[" + steps + "/" + steps + "] LINK " + config.projectDir().relativize(executable));
            var failed = failure(Subprocess.run(command, config.projectDir()), config.projectDir(), executable);
            return failed != null ? failed : new ReleaseResult.Executable(executable);
        } catch (ProjectException | ModelException | IOException e) {
            return BuildReport.Failed.problem(e.getMessage());
        }
    }

    /** What every release compile adds after the module's flags: hcr.h's folder, extra cflags, colour. */
    private List<String> common(BuildConfig described) {
        var flags = new ArrayList<String>();
        if (listener.colour()) {
            flags.add("-fdiagnostics-color=always");
        }
        flags.add("-I" + config.includeDir());
        flags.addAll(described.cflags());
        return flags;
    }

    /** Null when {@code result} succeeded; otherwise the failure, its output passed on. */
    private BuildReport.Failed failure(Subprocess.Result result, Path workingDir, Path subject) {
        if (!result.output().isEmpty()) {
            listener.toolOutput(result.output());
        }
        if (result.ok()) {
            return null;
        }
        var diagnostics = Diagnostics.parse(result.output(), workingDir, subject);
        var problems = diagnostics.stream().anyMatch(Diagnostic::isError) ? List.<String>of()
                : List.of("release build failed (" + result.command().get(0) + " exit " + result.exitCode() + ")");
        return new BuildReport.Failed(diagnostics, result.output(), problems);
    }
}
