package hcr.cli.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import hcr.project.init.BuildRecorder;

/**
 * The project's own build command, run as the user runs it (no hcr, no recorder), its output
 * kept in a log so that a failure can be shown.
 *
 * @param command the build command, e.g. {@code make linux}
 */
record PlainBuild(List<String> command) {

    PlainBuild {
        command = List.copyOf(command);
    }

    /** {@code command} under {@code bear intercept} (the recorder hcr init runs it under), writing {@code recording}. */
    static PlainBuild underBear(List<String> command, Path recording) throws BenchFailure {
        var bear = BuildRecorder.bearOnPath()
                .orElseThrow(() -> new BenchFailure("bear is not installed; hcr init records the build with it"));
        var words = new ArrayList<>(List.of(bear.toString(), "intercept", "--output", recording.toString(), "--"));
        words.addAll(command);
        return new PlainBuild(words);
    }

    /** Runs the build in {@code dir}, its output into {@code log}; returns the microseconds it took. */
    long micros(Path dir, Path log) throws BenchFailure, IOException {
        var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long start = System.nanoTime();
        var running = process.start();
        int status;
        try {
            status = running.waitFor();
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + text(), e);
        }
        long micros = (System.nanoTime() - start) / 1000;
        if (status != 0) {
            throw new BenchFailure(text() + " failed in " + dir + " (status " + status + "):\n" + tail(log));
        }
        return micros;
    }

    String text() {
        return String.join(" ", command);
    }

    /** The last lines of a log, for a failure's message. */
    static String tail(Path log) throws IOException {
        var lines = Files.readString(log, StandardCharsets.UTF_8).strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
