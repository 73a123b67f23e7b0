package hcr.project.init;

import hcr.project.ModelException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the project's own build once under {@code bear intercept}, which records every program
 * the build executes (at exec level, through a preloaded library: make, ninja, shell scripts and
 * libtool alike). The build's output is shown as it runs: a long build shows its progress and a
 * failing one its error exactly where the user expects them. Its input is empty: a build run by
 * hcr init asks nothing.
 */
public final class BuildRecorder {
    private final Optional<Path> bear;
    private final Optional<OutputStream> output;

    /**
     * @param bear   the {@code bear} executable, empty when it is not installed
     * @param output where the build's output goes (stdout and stderr together); empty for hcr's
     *               own stdout and stderr, as if the user ran the build
     */
    public BuildRecorder(Optional<Path> bear, Optional<OutputStream> output) {
        this.bear = bear;
        this.output = output;
    }

    /** {@code bear} found on {@code PATH}. */
    public static Optional<Path> bearOnPath() {
        var path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (var dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                var candidate = Path.of(dir, "bear");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code command} in {@code directory}, writing the recording to {@code recording}.
     *
     * @return the build's exit status
     */
    public int record(Path directory, List<String> command, Path recording) throws ModelException {
        var executable = bear.orElseThrow(() -> new ModelException(
                "bear is not installed; hcr init records the build with it: apt-get install bear"));
        try {
            Files.createDirectories(recording.getParent());
            Files.deleteIfExists(recording);
        } catch (IOException e) {
            throw new ModelException(recording.getParent() + ": cannot write the build's recording: " + e.getMessage());
        }
        var words = new ArrayList<String>(List.of(executable.toString(), "intercept", "--output", recording.toString(), "--"));
        words.addAll(command);
        var builder = new ProcessBuilder(words).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (output.isPresent()) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ModelException("cannot start " + executable + ": " + e.getMessage());
        }
        try {
            if (output.isPresent()) {
                copy(process.getInputStream(), output.get());
            }
            return process.waitFor();
        } catch (IOException e) {
            process.destroyForcibly();
            throw new ModelException("the build's output could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while the build ran: " + String.join(" ", command));
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        var buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }
}
