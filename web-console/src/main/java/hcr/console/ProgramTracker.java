package hcr.console;

import hcr.loader.HostEvent;

/** Follows the program through starts, reloads and endings. Not thread-safe: {@link ConsoleState} guards it. */
final class ProgramTracker {
    private final String name;
    private String state = "not-started";
    private boolean everStarted;
    private Long pid;
    private Long startedAt;
    private Long endedAt;
    private int generation;
    private String signal;
    private String function;
    private String module;
    private Integer exitStatus;
    private String error;
    private Long lastEditToEffect;
    private boolean paused;
    private Long firstOutput;

    ProgramTracker(String name) {
        this.name = name;
    }

    /** The dev session is about to start the program: {@code starting} the first time, then {@code restarting}. */
    void starting() {
        state = everStarted ? "restarting" : "starting";
        firstOutput = null;
        clearEnding();
    }

    /**
     * The program printed a line. The host's {@code started} message travels another way than the
     * output and can arrive hundreds of milliseconds after the first lines; the uptime counts from
     * whichever came first.
     */
    void output(long millis) {
        if (firstOutput == null && (state.equals("starting") || state.equals("restarting"))) {
            firstOutput = millis;
        }
    }

    /** Applies a host event; true when the view changed. */
    boolean accept(HostEvent event, long nowMillis) {
        if (event instanceof HostEvent.Started started) {
            everStarted = true;
            state = "running";
            pid = started.pid();
            startedAt = firstOutput == null ? nowMillis : Math.min(firstOutput, nowMillis);
            firstOutput = null;
            generation = started.generation();
            clearEnding();
        } else if (event instanceof HostEvent.GenerationLoaded loaded) {
            generation = loaded.generation();
        } else if (event instanceof HostEvent.StartFailed failed) {
            everStarted = true;
            state = "start-failed";
            error = failed.error();
            endedAt = nowMillis;
        } else if (event instanceof HostEvent.Crashed crashed) {
            state = "crashed";
            signal = crashed.signal();
            function = crashed.function();
            module = crashed.module();
            endedAt = nowMillis;
        } else if (event instanceof HostEvent.Exited exited) {
            state = "exited";
            exitStatus = exited.status();
            endedAt = nowMillis;
        } else if (event instanceof HostEvent.Stopped) {
            state = "stopped";
            endedAt = nowMillis;
        } else {
            return false;
        }
        return true;
    }

    void editToEffect(long micros) {
        lastEditToEffect = micros;
    }

    void paused(boolean value) {
        paused = value;
    }

    boolean paused() {
        return paused;
    }

    int generation() {
        return generation;
    }

    private void clearEnding() {
        endedAt = null;
        signal = null;
        function = null;
        module = null;
        exitStatus = null;
        error = null;
    }

    ProgramView view() {
        return new ProgramView(name, state, pid, startedAt, endedAt, generation, signal, function, module, exitStatus,
                error, lastEditToEffect, paused);
    }
}
