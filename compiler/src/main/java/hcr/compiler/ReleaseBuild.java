package hcr.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hcr build --release}: the same sources as one ordinary optimised executable,
 * {@code cc -O2 -o <build>/release/<project-name> *.c <libraries>}, without {@code -DHCR}
 * (hcr.h's calls compile to nothing). The proof that a program never depends on hcr.
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
            var project = Project.scan(config.projectDir(), config.buildDir());
            if (project.modules().isEmpty()) {
                return BuildReport.Failed.problem("no C source files (*.c) found under " + config.projectDir());
            }
            CompilerIdentity.probe(config.ccCommand(), config.projectDir());
            new ProgramHeader(ReleaseBuild.class.getClassLoader()).extractTo(config.includeDir());
            var dir = config.buildDir().resolve("release");
            Files.createDirectories(dir);
            var name = config.projectDir().getFileName() == null ? "program" : config.projectDir().getFileName().toString();
            var executable = dir.resolve(name);
            var command = new ArrayList<>(config.ccCommand());
            command.add("-O2");
            if (listener.colour()) {
                command.add("-fdiagnostics-color=always");
            }
            command.addAll(project.includeOptions(config.includeDir()));
            command.addAll(config.cflags());
            command.addAll(List.of("-o", executable.toString()));
            project.modules().forEach(m -> command.add(m.sourceName()));
            command.addAll(config.libraries());
            var result = Subprocess.run(command, config.projectDir());
            listener.progress("[1/1] LINK " + config.projectDir().relativize(executable));
            if (!result.output().isEmpty()) {
                listener.toolOutput(result.output());
            }
            if (!result.ok()) {
                var diagnostics = Diagnostics.parse(result.output(), config.projectDir(), executable);
                var problems = diagnostics.stream().anyMatch(Diagnostic::isError) ? List.<String>of()
                        : List.of("release build failed (" + command.get(0) + " exit " + result.exitCode() + ")");
                return new BuildReport.Failed(diagnostics, result.output(), problems);
            }
            return new ReleaseResult.Executable(executable);
        } catch (ProjectException | IOException e) {
            return BuildReport.Failed.problem(e.getMessage());
        }
    }
}
