package hcr.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs a tool to its end and returns what it printed; a failure names the command and quotes it. */
final class Command {

    private Command() {
    }

    static String run(Path dir, List<String> command) throws IOException {
        return run(dir, command, List.of());
    }

    /** @param environment {@code NAME=value} pairs added to the tool's environment */
    static String run(Path dir, List<String> command, List<String> environment) throws IOException {
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        for (var pair : environment) {
            int eq = pair.indexOf('=');
            builder.environment().put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        var process = builder.start();
        process.getOutputStream().close();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed (status " + process.exitValue() + "):\n"
                        + output.strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return output;
    }
}
