package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.Generation;
import hcr.loader.HostEvent;
import hcr.loader.HostOptions;
import hcr.loader.ProgramHost;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A fixture program running in a host of its own, seen through its output and events. */
final class RunningProgram implements AutoCloseable {

    /** Generous: a loaded machine may be slow, and nothing here is timed. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private static final Pattern ANY_LINE = Pattern.compile("");

    private final ProgramHost host;

    private RunningProgram(ProgramHost host) {
        this.host = host;
    }

    /** Starts the program and waits for the host's {@code started} message. */
    static RunningProgram start(HostOptions options, int generation) {
        var program = new RunningProgram(ProgramHost.start(options));
        var started = program.host.awaitEvent(HostEvent.Started.class, WAIT);
        assertEquals(generation, started.generation(), "the generation the program started at");
        return program;
    }

    ProgramHost host() {
        return host;
    }

    /** The next line of {@code format} (after the last one awaited) that satisfies {@code condition}. */
    TickLine await(LineFormat format, Predicate<TickLine> condition) {
        while (true) {
            var line = format.parse(host.awaitOutput(format.pattern(), WAIT)).orElseThrow();
            if (condition.test(line)) {
                return line;
            }
        }
    }

    /** Waits for {@code count} more lines of {@code format} that satisfy {@code condition}; returns the last. */
    TickLine await(LineFormat format, Predicate<TickLine> condition, int count) {
        var line = await(format, condition);
        for (int i = 1; i < count; i++) {
            line = await(format, condition);
        }
        return line;
    }

    /** The next line of {@code format}, whatever it says. */
    TickLine await(LineFormat format) {
        return await(format, line -> true);
    }

    /** Asks for a reload to the newest generation, {@code generation}, and asserts that it loaded. */
    Reload reload(Generation generation) throws InterruptedException {
        HostEvent.ReloadResult result;
        try {
            result = host.requestReload().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no answer to the reload request: " + e + "; output: " + host.outputLines(), e);
        }
        assertFalse(result.failed(), "the reload failed: " + result);
        assertFalse(result.deferred(), "the reload was deferred: " + result);
        assertTrue(result.code() > 0, "the reload loaded modules: " + result);
        return Reload.of(generation, result, host.events());
    }

    /**
     * For a program that calls {@code hcr_reload_point()}: asks for a reload to the newest
     * generation, {@code generation}, which the host leaves to the program (a deferred answer),
     * and waits until the program has loaded it at its reload point.
     */
    Reload reloadAtReloadPoint(Generation generation) throws InterruptedException {
        HostEvent.ReloadResult result;
        try {
            result = host.requestReload().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no answer to the reload request: " + e + "; output: " + host.outputLines(), e);
        }
        assertEquals(new HostEvent.ReloadResult(0, "", true), result, "the host leaves the reload to the program");
        host.awaitEvent(HostEvent.GenerationLoaded.class, loaded -> loaded.generation() == generation.number(), WAIT);
        return Reload.of(generation, result, host.events());
    }

    /** The next output line (stdout or stderr) after the last one awaited, whatever it says. */
    String nextLine() {
        return host.awaitOutput(ANY_LINE, WAIT);
    }

    /** The next output line after the last one awaited that is not {@code line}; copies of it are passed over. */
    String nextLineOtherThan(String line) {
        return host.awaitOutput(Pattern.compile("^(?!" + Pattern.quote(line) + "$)"), WAIT);
    }

    /** Everything the program printed so far, stdout and stderr as they arrived. */
    List<String> output() {
        return host.outputLines();
    }

    boolean isAlive() {
        return host.isAlive();
    }

    @Override
    public void close() {
        host.close();
    }
}
