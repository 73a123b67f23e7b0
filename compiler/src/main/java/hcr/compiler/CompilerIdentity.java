package hcr.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which compiler builds the objects: its resolved binary and the first line of
 * {@code --version}. Part of every module's content key, so switching or upgrading the
 * compiler rebuilds everything.
 *
 * @param binary  the compiler program with symbolic links resolved
 * @param version the first line of its {@code --version}
 */
record CompilerIdentity(Path binary, String version) {

    /**
     * Asks the compiler who it is.
     *
     * @throws ProjectException when the compiler cannot be found or run
     */
    static CompilerIdentity probe(List<String> cc, Path workingDir) throws ProjectException {
        var binary = locate(cc.get(0));
        Subprocess.Result result;
        try {
            var command = new ArrayList<>(cc);
            command.add("--version");
            result = Subprocess.run(command, workingDir);
        } catch (IOException e) {
            throw new ProjectException("C compiler '" + String.join(" ", cc) + "' cannot be run: " + e.getMessage());
        }
        if (!result.ok()) {
            throw new ProjectException("C compiler '" + String.join(" ", cc) + "' failed on --version (exit "
                    + result.exitCode() + "): " + result.output().strip());
        }
        var firstLine = result.output().lines().findFirst().orElse("").strip();
        return new CompilerIdentity(binary, firstLine);
    }

    private static Path locate(String program) throws ProjectException {
        if (program.contains("/")) {
            var path = Path.of(program);
            if (!Files.isExecutable(path)) {
                throw new ProjectException("C compiler '" + program + "' not found (no executable file at "
                        + path.toAbsolutePath() + ")");
            }
            return real(path);
        }
        var searchPath = System.getenv("PATH");
        for (var dir : (searchPath == null ? "" : searchPath).split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            var candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return real(candidate);
            }
        }
        throw new ProjectException("C compiler '" + program + "' not found on PATH; install gcc or set CC");
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath();
        }
    }
}
