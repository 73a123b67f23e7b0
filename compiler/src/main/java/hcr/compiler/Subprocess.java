package hcr.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one tool (compiler, linker) to completion and captures what it printed, stdout and
 * stderr interleaved as a terminal would show them. Messages are asked for in English
 * ({@code LC_MESSAGES=C}) so they can be parsed; the character set stays the user's.
 */
final class Subprocess {

    /** What the tool did: its exit code and everything it printed. */
    record Result(List<String> command, int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Subprocess() {
    }

    /**
     * @throws IOException when the program cannot be started (the message names it) or the
     *                     build thread is interrupted
     */
    static Result run(List<String> command, Path workingDir) throws IOException {
        var builder = builder(command, workingDir).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + ": " + reason(e), e);
        }
        try {
            process.getOutputStream().close();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(List.copyOf(command), process.waitFor(), output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    /** A process builder for {@code command} in {@code workingDir} with messages in English. */
    static ProcessBuilder builder(List<String> command, Path workingDir) {
        var builder = new ProcessBuilder(command).directory(workingDir.toFile());
        var env = builder.environment();
        var all = env.remove("LC_ALL");
        if (all != null && !env.containsKey("LC_CTYPE")) {
            env.put("LC_CTYPE", all);
        }
        env.put("LC_MESSAGES", "C");
        return builder;
    }

    private static String reason(IOException e) {
        var message = String.valueOf(e.getMessage());
        if (message.contains("error=2,")) {
            return "no such program (is it installed and on PATH?)";
        }
        if (message.contains("error=13,")) {
            return "permission denied";
        }
        return message;
    }
}
