package hcr.cli;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildReport;
import hcr.compiler.Generation;
import hcr.compiler.debug.LayoutChange;
import hcr.console.ConsoleException;
import hcr.console.ConsoleOptions;
import hcr.console.ConsoleServer;
import hcr.console.ConsoleState;
import hcr.loader.HostEvent;
import hcr.loader.HostOptions;
import hcr.project.ModelException;
import hcr.watcher.ChangeSet;
import hcr.watcher.WatchOptions;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@code hcr dev} run: the {@link DevLoop} observed by the terminal and the browser
 * console. The terminal gets one line per event: builds, reloads with their edit-to-effect
 * time, compile errors (as the compiler printed them), crashes and exits, and that the program
 * keeps running the last good code. The console's {@link ConsoleState} gets every event, and
 * its buttons act on the loop through {@link ConsoleCommands}.
 */
final class DevSession implements AutoCloseable, DevLoop.Observer {

    /** How long a death by SIGINT waits to be reported, for the server's own Ctrl-C to arrive. */
    private static final long INTERRUPT_GRACE_MILLIS = 1000;

    private final BuildConfig config;
    private final String programName;
    private final Terminal terminal;
    private final DevLoop loop;
    private final ConsoleState console;
    private final ConsoleOptions consoleOptions;
    private final ConsoleCommands commands;
    private final LayoutQuestion question;
    /** What changed layout in each generation not loaded yet, for its reload line. */
    private final Map<Integer, String> layoutNotes = new ConcurrentHashMap<>();
    private ConsoleServer server;
    private final Map<Integer, Long> editStarts = new ConcurrentHashMap<>();
    private volatile ReloadReports reports = newReports();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int runningGeneration;
    private volatile boolean closing;

    /** @param consoleOptions where the browser console listens; null for none */
    DevSession(BuildConfig config, List<String> programArgs, Terminal terminal, WatchOptions watchOptions,
               ConsoleOptions consoleOptions) throws ModelException {
        this(config, programArgs, terminal, watchOptions, consoleOptions, false);
    }

    /**
     * @param restartOnLayoutChange restart the program instead of asking when a struct or union
     *                              type whose objects it may hold changed layout
     */
    DevSession(BuildConfig config, List<String> programArgs, Terminal terminal, WatchOptions watchOptions,
               ConsoleOptions consoleOptions, boolean restartOnLayoutChange) throws ModelException {
        this.config = config;
        this.terminal = terminal;
        this.console = new ConsoleState(config);
        this.consoleOptions = consoleOptions;
        var hostOptions = ProgramLaunch.launch(HostOptions.of(config.buildDir())
                .withOutput(HostOptions.OutputMode.INHERIT_AND_CAPTURE)
                .withInput(HostOptions.InputMode.INHERIT), ProgramLaunch.model(config), programArgs);
        this.programName = hostOptions.programName();
        this.loop = new DevLoop(config, watchOptions, hostOptions, console.listener(terminal), this);
        this.commands = new ConsoleCommands(loop);
        this.loop.restartOnLayoutChange(restartOnLayoutChange);
        this.question = new LayoutQuestion(this::say, commands::restartProgram, console::layoutQuestionClosed,
                Terminal.stdinIsTerminal() ? new FileInputStream(FileDescriptor.in) : null);
    }

    /** Builds, starts the program and watches until {@link #close()}; returns the exit status. */
    int run() throws InterruptedException {
        startConsole();
        try {
            loop.start();
        } catch (IOException e) {
            terminal.say("cannot watch " + config.projectDir() + ": " + e.getMessage());
            close();
            return 1;
        }
        closed.await();
        return 0;
    }

    /** Each program gets reports of its own: one that crashed mid-reload may have left one half-told. */
    @Override
    public void starting(int generation) {
        question.closeQuestion();
        reports = newReports();
        console.programStarting();
    }

    private ReloadReports newReports() {
        return new ReloadReports(editStarts, report -> say(report.line()
                + Objects.requireNonNullElse(layoutNotes.remove(report.generation()), "")));
    }

    /** A console that cannot listen (port taken) is reported; the dev loop goes on without it. */
    private void startConsole() {
        if (consoleOptions == null) {
            return;
        }
        try {
            var started = ConsoleServer.start(consoleOptions, console, commands);
            synchronized (this) {
                if (closing) {
                    started.close();
                    return;
                }
                server = started;
            }
            terminal.line(started.announcement());
            started.warning().ifPresent(this::say);
        } catch (ConsoleException e) {
            say(e.getMessage() + " — going on without the console (choose another with --port, or --port 0)");
        }
    }

    @Override
    public void changed(ChangeSet changes) {
        console.changesSeen(changes.all(), changes.firstEventNanos(), changes.deliveredNanos());
    }

    @Override
    public void building(BuildTrigger trigger) {
        console.buildStarted();
    }

    /**
     * Says how the build ended, on the terminal and in the console's log. A generation published
     * while reloads are paused waits for the user: its reload line tells the reload's own time,
     * not edit-to-effect (as the console's history does not measure it either).
     */
    @Override
    public void built(BuildTrigger trigger, BuildReport report, long startNanos, long endNanos) {
        console.buildFinished(report);
        if (report instanceof BuildReport.Published published) {
            var generation = published.generation();
            BuildOutcome.published(this::say, generation);
            BuildOutcome.layoutNote(generation).ifPresent(note -> layoutNotes.put(generation.number(), note));
            if (trigger.fromEdit() && !loop.paused()) {
                editStarts.put(generation.number(), trigger.firstEventNanos());
            }
        } else if (report instanceof BuildReport.Failed failed) {
            BuildOutcome.failed(terminal, this::say, failed);
            if (loop.host().isPresent()) {
                say("the program keeps running gen " + runningGeneration);
            }
        } else if (report instanceof BuildReport.UpToDate upToDate && trigger.requested() && upToDate.generation() > 0) {
            say("up to date (gen " + upToDate.generation() + ")"); // "Rebuild all" that changed no module
        }
    }

    /**
     * Struct and union types whose layout changed: the objects the running program made are read
     * with the new layout from now on, so the program is restarted ({@code
     * --restart-on-layout-change}) or asked whether to restart, on the terminal and in the console.
     */
    @Override
    public void layoutTypes(Generation generation, List<LayoutChange> types, boolean restarting) {
        if (types.isEmpty()) {
            return;
        }
        var before = "; objects made before gen " + generation.number() + " are read with the new layout — ";
        if (restarting) {
            BuildOutcome.typeLayouts(this::say, types, before + "restarting (--restart-on-layout-change)");
        } else if (loop.host().isEmpty()) {
            BuildOutcome.typeLayouts(this::say, types, ""); // no object of the old code is left
        } else {
            var lines = new ArrayList<String>();
            BuildOutcome.typeLayouts(lines::add, types, before + "restart?");
            lines.forEach(this::say);
            console.layoutQuestion(generation.number(), lines);
            question.ask(generation.number());
        }
    }

    @Override
    public void reloaded(int generation, HostEvent.ReloadResult result) {
        if (result.failed()) {
            say("reload of gen " + generation + " failed: " + result.error());
        }
    }

    @Override
    public void notStarted(String message) {
        say(message);
    }

    @Override
    public void trouble(String message) {
        say(message);
    }

    @Override
    public void hostEvent(HostEvent event) {
        console.hostEvent(event);
        reports.accept(event);
        if (event instanceof HostEvent.GenerationLoaded loaded) {
            runningGeneration = loaded.generation();
        } else if (event instanceof HostEvent.Started started) {
            runningGeneration = started.generation();
            say("started " + programName() + " (gen " + started.generation() + ", pid " + started.pid() + ")");
        } else if (event instanceof HostEvent.StartFailed failed) {
            say("cannot start " + programName() + ": " + failed.error());
        } else if (event instanceof HostEvent.RuntimeError error) {
            say("runtime: " + error.message());
        } else if (event instanceof HostEvent.Crashed crash) {
            question.closeQuestion();
            sayUnlessInterrupted(crash, CrashReport.line(programName(), crash) + " — restarting on the next good build");
        } else if (event instanceof HostEvent.Exited exited) {
            question.closeQuestion();
            say(programName() + " exited with status " + exited.status() + " — restarting on the next good build");
        }
    }

    private void say(String line) {
        if (!closing) {
            terminal.say(line);
            console.message(line);
        }
    }

    /**
     * Ctrl-C sends SIGINT to the program and to this server at once, and the program's death may
     * be seen before this server starts closing. A death by SIGINT is therefore reported only if
     * the server is still running a moment later; it is gone by then after a Ctrl-C.
     */
    private void sayUnlessInterrupted(HostEvent.Crashed crash, String line) {
        if (!"SIGINT".equals(crash.signal())) {
            say(line);
            return;
        }
        CompletableFuture.delayedExecutor(INTERRUPT_GRACE_MILLIS, TimeUnit.MILLISECONDS).execute(() -> say(line));
    }

    private String programName() {
        return programName;
    }

    @Override
    public void close() {
        ConsoleServer running;
        synchronized (this) {
            closing = true;
            running = server;
        }
        if (running != null) {
            running.close();
        }
        commands.close();
        question.close();
        loop.close();
        closed.countDown();
    }
}
