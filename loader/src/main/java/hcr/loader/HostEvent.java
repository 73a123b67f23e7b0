package hcr.loader;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What a running program's host reports: the runtime's events (docs/internals.md section 8),
 * the host's own messages (section 9), and the program's output, line by line.
 *
 * <p>Every host ends with exactly one {@link Ending}: {@link Exited}, {@link Crashed} or
 * {@link Stopped}, delivered after all of the program's output.
 */
public sealed interface HostEvent {

    /** The program was initialised at {@code generation} and its main is about to run. */
    record Started(long pid, int generation) implements HostEvent {
    }

    /**
     * The host could not start the program: hcrInit failed or the runtime did not load.
     * {@code error} names the file, library or symbol.
     */
    record StartFailed(int code, String error) implements HostEvent {
    }

    /** A module's library was loaded, reloaded or removed; action is "loaded", "reloaded" or "removed". */
    record ModuleLoaded(String module, String action, int generation, String library) implements HostEvent {
    }

    /**
     * A file- or function-static of a reloaded module: the new code addresses the old storage
     * ("shared"), its value was copied into the new version ("carried"), or it started fresh
     * ("reset").
     */
    record StaticChanged(String module, String name, String action, long oldSize, long newSize) implements HostEvent {
    }

    /**
     * A generation finished loading. {@code counts} holds loaded, reloaded, removed, shared,
     * carried and reset; {@code micros} the phases copy, load, bind, statics, handlers and total.
     */
    record GenerationLoaded(int generation, int previous, Map<String, Long> counts, Map<String, Long> micros)
            implements HostEvent {
        public GenerationLoaded {
            counts = Map.copyOf(counts);
            micros = Map.copyOf(micros);
        }
    }

    /**
     * The answer to a reload request: {@code code} modules (re)loaded, 0 nothing to do, negative
     * an error (the old code still runs). {@code deferred}: the program uses
     * {@code hcr_reload_point()} and applies the reload there.
     */
    record ReloadResult(int code, String error, boolean deferred) implements HostEvent {
        public boolean failed() {
            return code < 0;
        }
    }

    /** The runtime or the host reported an error outside a reload request. */
    record RuntimeError(int code, String message) implements HostEvent {
    }

    /** One line the program wrote, without its line end. */
    record Output(Stream stream, String line, Instant timestamp) implements HostEvent {
    }

    /** Which of the program's output streams a line came from. */
    enum Stream { STDOUT, STDERR }

    /** How a host ended. */
    sealed interface Ending extends HostEvent {
    }

    /** The program ended on its own with {@code status} (main returned, or it called exit). */
    record Exited(int status) implements Ending {
    }

    /**
     * The program died by {@code signal} (e.g. "SIGSEGV"). {@code function} and {@code module}
     * name the innermost frame of the program's own code, when known (null otherwise);
     * {@code log} is the JVM's fatal error log, when one was written (null otherwise).
     */
    record Crashed(String signal, String function, String module, Path log) implements Ending {
    }

    /** The program was ended by {@link ProgramHost#stop()}. */
    record Stopped() implements Ending {
    }
}
