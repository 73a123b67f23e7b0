package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code hcr} command as a user runs it: the line the {@code ./hcr} launcher execs
 * ({@code java -XX:+UseSerialGC -jar cli/target/hcr.jar ...}, the jar given by {@code -Dhcr.jar}),
 * started like a shell's foreground job (see foreground.c).
 */
final class Hcr {

    /** How long any one wait may take: builds and JVM starts on a busy two-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(90);
    /** The reload line's optional tail (issue 10): {@code — 3 entries forward}. */
    static final String FORWARDED = "(?: — \\d+ entr(?:y forwards|ies forward))?";

    private static Path foreground;

    private Hcr() {
    }

    static Path jar() {
        var jar = Path.of(property("hcr.jar"));
        assertTrue(Files.isRegularFile(jar), () -> jar + " is missing: the integration tests run after package");
        return jar;
    }

    static Path fixtures() {
        return Path.of(property("hcr.fixtures"));
    }

    private static String property(String name) {
        var value = System.getProperty(name);
        if (value == null) {
            fail("-D" + name + " is not set (cli/pom.xml sets it for failsafe)");
        }
        return value;
    }

    /** The command line for {@code hcr args...}, started as a foreground job. */
    static List<String> command(String... args) {
        var command = new ArrayList<String>();
        command.add(foreground().toString());
        command.addAll(javaCommand(args));
        return command;
    }

    /** The line {@code ./hcr args...} execs. */
    static List<String> javaCommand(String... args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code hcr args...} in {@code workDir}, reading its stdout and stderr. */
    static HcrProcess start(Path workDir, String... args) {
        try {
            var process = new ProcessBuilder(command(args)).directory(workDir.toFile()).start();
            return new HcrProcess(process, String.join(" ", args));
        } catch (IOException e) {
            return fail("cannot start hcr: " + e.getMessage(), e);
        }
    }

    /** Runs {@code hcr args...} to its end; stdin is empty. */
    static Finished run(Path workDir, String... args) {
        try (var hcr = start(workDir, args)) {
            hcr.closeStdin();
            int status = hcr.awaitExit();
            hcr.awaitStreamsEnd();
            return new Finished(status, hcr.out().lines(), hcr.err().lines());
        }
    }

    /** How a command that ran to its end ended, and what it printed. */
    record Finished(int status, List<String> out, List<String> err) {
        String transcript() {
            return "status " + status + "\n--- stdout\n" + String.join("\n", out) + "\n--- stderr\n"
                    + String.join("\n", err);
        }
    }

    /** Runs a plain tool (gcc, sed, vim, readelf) and returns what it printed on stdout and stderr. */
    static String tool(Path workDir, String... command) {
        try {
            var process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            var output = readAll(process.getInputStream());
            assertTrue(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), command[0] + " did not finish");
            return output + "\n(exit " + process.exitValue() + ")";
        } catch (IOException e) {
            return fail("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** As {@link #tool}, failing unless the tool exits with status 0; returns its output. */
    static String toolOk(Path workDir, String... command) {
        var output = tool(workDir, command);
        assertTrue(output.endsWith("\n(exit 0)"), () -> String.join(" ", command) + " failed:\n" + output);
        return output.substring(0, output.length() - "\n(exit 0)".length());
    }

    private static String readAll(InputStream stream) throws IOException {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** foreground.c, compiled once per test run. */
    private static synchronized Path foreground() {
        if (foreground == null) {
            try {
                var dir = Files.createTempDirectory("hcr-it-tools-");
                dir.toFile().deleteOnExit();
                var source = dir.resolve("foreground.c");
                try (var in = Hcr.class.getResourceAsStream("foreground.c")) {
                    assertTrue(in != null, "foreground.c is not on the test class path");
                    Files.write(source, in.readAllBytes());
                }
                var binary = dir.resolve("foreground");
                var output = tool(dir, "cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-o", binary.toString(),
                        source.toString());
                assertEquals("\n(exit 0)", output, "cannot compile foreground.c");
                source.toFile().deleteOnExit();
                binary.toFile().deleteOnExit();
                foreground = binary;
            } catch (IOException e) {
                return fail("cannot build the foreground helper: " + e.getMessage(), e);
            }
        }
        return foreground;
    }
}
