package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code hcr} command: its real stdout and stderr as {@link LineLog}s, its stdin, and
 * the signals a terminal sends. Closing it kills whatever of its process group is left, so a
 * failed test leaves nothing running.
 */
final class HcrProcess implements AutoCloseable {

    private final Process process;
    private final String description;
    private final LineLog out;
    private final LineLog err;
    private final OutputStream stdin;

    HcrProcess(Process process, String description) {
        this.process = process;
        this.description = description;
        this.out = LineLog.reading("stdout", process.getInputStream());
        this.err = LineLog.reading("stderr", process.getErrorStream());
        this.stdin = process.getOutputStream();
    }

    LineLog out() {
        return out;
    }

    LineLog err() {
        return err;
    }

    /** The pid of the hcr JVM, which is also its process group (see foreground.c). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for a stdout line matching {@code regex} at index {@code from} or later. */
    LineLog.Match awaitOut(String regex, int from) {
        return out.await(regex, from, Hcr.PATIENCE, this::transcript);
    }

    LineLog.Match awaitOut(String regex) {
        return awaitOut(regex, 0);
    }

    /** Waits for a stderr line matching {@code regex} at index {@code from} or later. */
    LineLog.Match awaitErr(String regex, int from) {
        return err.await(regex, from, Hcr.PATIENCE, this::transcript);
    }

    LineLog.Match awaitErr(String regex) {
        return awaitErr(regex, 0);
    }

    /**
     * The browser console's address: the line {@code hcr console: http://127.0.0.1:<port>/?token=<token>},
     * which {@code hcr dev} prints first on stderr.
     */
    ConsoleAddress console() {
        var line = awaitErr("^hcr console: (http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]{64}))$");
        assertTrue(line.index() == 0, () -> "the console's line comes first\n" + transcript());
        return new ConsoleAddress(line.group(1), (int) line.number(2), line.group(3));
    }

    /** Waits until stdout has {@code count} lines. */
    void awaitOutLines(int count) {
        out.awaitSize(count, Hcr.PATIENCE, this::transcript);
    }

    /** The pid {@code hcr: started <name> (gen N, pid P)} names, the {@code nth} time (from 1). */
    long hostPid(int nth) {
        int from = 0;
        LineLog.Match started = null;
        for (int i = 0; i < nth; i++) {
            started = awaitErr("^hcr: started \\S+ \\(gen \\d+, pid (\\d+)\\)$", from);
            from = started.index() + 1;
        }
        return started.number(1);
    }

    /** Types a line on the terminal the program reads. */
    void type(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            fail("cannot write to hcr's stdin: " + e.getMessage() + "\n" + transcript());
        }
    }

    /** Ends the terminal's input (Ctrl-D). */
    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** SIGINT to the hcr JVM alone. */
    void interrupt() {
        Hcr.toolOk(ProcessGroup.anyDir(), "kill", "-INT", Long.toString(pid()));
    }

    /** SIGINT to hcr's whole process group, as Ctrl-C in a terminal sends it to the foreground job. */
    void interruptGroup() {
        Hcr.toolOk(ProcessGroup.anyDir(), "kill", "-INT", "--", "-" + pid());
    }

    /** Waits for hcr to end; returns its exit status. */
    int awaitExit() {
        try {
            if (!process.waitFor(Hcr.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                fail("hcr " + description + " did not end\n" + transcript());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** Waits until both output streams are read to their end. */
    void awaitStreamsEnd() {
        out.awaitEnd(Hcr.PATIENCE, this::transcript);
        err.awaitEnd(Hcr.PATIENCE, this::transcript);
    }

    /** Both streams, the last lines of each, for failure messages. */
    String transcript() {
        return "hcr " + description + (process.isAlive() ? " (running)" : " (exit " + process.exitValue() + ")")
                + "\n" + out.tail(40) + err.tail(60);
    }

    /**
     * Ends hcr as a user would, with SIGINT, so it can stop its program and clean up; then kills
     * whatever of its process group is left.
     */
    @Override
    public void close() {
        closeStdin();
        try {
            if (process.isAlive()) {
                Hcr.tool(ProcessGroup.anyDir(), "kill", "-INT", Long.toString(pid()));
                process.waitFor(Hcr.PATIENCE.toSeconds() / 3, TimeUnit.SECONDS);
            }
            if (process.isAlive() || !ProcessGroup.members(pid()).isEmpty()) {
                Hcr.tool(ProcessGroup.anyDir(), "kill", "-KILL", "--", "-" + pid());
            }
            process.destroyForcibly();
            assertTrue(process.waitFor(Hcr.PATIENCE.toSeconds(), TimeUnit.SECONDS), "hcr did not die");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
