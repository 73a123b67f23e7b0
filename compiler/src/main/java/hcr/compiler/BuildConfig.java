package hcr.compiler;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import hcr.project.ProgramModel;

/**
 * What a build needs to know about the project and the toolchain.
 *
 * @param projectDir the project root: every {@code *.c} below it is a module
 * @param buildDir   where state and published generations go (default {@code <project>/.hcr})
 * @param cc         the C compiler command; may hold words ({@code "ccache gcc"})
 * @param cflags     extra compiler flags, appended after hcr's own
 * @param libraries  link inputs such as {@code -lm}, given to every module link and the release link
 * @param jobs       how many compilers and linkers run at once
 */
public record BuildConfig(Path projectDir, Path buildDir, String cc, List<String> cflags,
                          List<String> libraries, int jobs) {

    public BuildConfig {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(buildDir, "buildDir");
        projectDir = projectDir.toAbsolutePath().normalize();
        buildDir = buildDir.toAbsolutePath().normalize();
        if (cc == null || cc.isBlank()) {
            throw new IllegalArgumentException("no C compiler given");
        }
        cflags = List.copyOf(cflags);
        libraries = List.copyOf(libraries);
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
    }

    /** The defaults for a project: build folder {@code .hcr}, {@code $CC} or {@code cc}, one job per processor. */
    public static BuildConfig defaults(Path projectDir) {
        var cc = System.getenv("CC");
        var root = projectDir.toAbsolutePath().normalize();
        return new BuildConfig(root, root.resolve(".hcr"), cc == null || cc.isBlank() ? "cc" : cc.strip(),
                List.of(), List.of(), Runtime.getRuntime().availableProcessors());
    }

    public BuildConfig withBuildDir(Path dir) {
        return new BuildConfig(projectDir, dir, cc, cflags, libraries, jobs);
    }

    public BuildConfig withCc(String command) {
        return new BuildConfig(projectDir, buildDir, command, cflags, libraries, jobs);
    }

    public BuildConfig withCflags(List<String> flags) {
        return new BuildConfig(projectDir, buildDir, cc, flags, libraries, jobs);
    }

    public BuildConfig withLibraries(List<String> libs) {
        return new BuildConfig(projectDir, buildDir, cc, cflags, libs, jobs);
    }

    public BuildConfig withJobs(int count) {
        return new BuildConfig(projectDir, buildDir, cc, cflags, libraries, count);
    }

    /**
     * This configuration for {@code model}: its compiler, when it names one, instead of the
     * default, and its link inputs after the ones given here.
     */
    public BuildConfig forModel(ProgramModel model) {
        var libs = new java.util.ArrayList<>(libraries);
        libs.addAll(model.linkInputs());
        return new BuildConfig(projectDir, buildDir, model.cc().orElse(cc), cflags, libs, jobs);
    }

    /** The compiler command split into words, as it is run. */
    List<String> ccCommand() {
        return List.of(cc.strip().split("\\s+"));
    }

    /** Compiler-private folder: objects, depfiles, hashes, the link-name table. */
    Path stateDir() {
        return buildDir.resolve("state");
    }

    /** Where {@code hcr.h} is extracted for programs to include. */
    Path includeDir() {
        return buildDir.resolve("include");
    }

    /** The published generations. */
    Path generationsDir() {
        return buildDir.resolve("gen");
    }
}
