package hcr.cli;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildReport;
import hcr.compiler.Builder;
import hcr.loader.HostEvent;
import hcr.loader.HostOptions;
import hcr.loader.ProgramHost;
import hcr.watcher.ChangeSet;
import hcr.watcher.SourceWatcher;
import hcr.watcher.WatchOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One {@code hcr dev} run: builds, starts the program, and turns every change set into a
 * build and every published generation into a reload of the running program. A crashed or
 * exited program is started again on the next successful build.
 *
 * <p>Threads: change sets arrive on the watcher's delivery thread and only queue a build;
 * builds run one at a time on the build thread; host events arrive on the host's event
 * thread. The current host is the one mutable thing they share, guarded by {@code this}.
 */
final class DevSession implements AutoCloseable {

    /** How long a death by SIGINT waits to be reported, for the server's own Ctrl-C to arrive. */
    private static final long INTERRUPT_GRACE_MILLIS = 1000;

    private final BuildConfig config;
    private final List<String> programArgs;
    private final Terminal terminal;
    private final WatchOptions watchOptions;
    private final Builder builder;
    private final ExecutorService buildThread = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "hcr-build");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Integer, Long> editStarts = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private SourceWatcher watcher;
    private ProgramHost host;
    private boolean buildQueued;
    private long queuedEditStart;
    private volatile boolean closing;

    DevSession(BuildConfig config, List<String> programArgs, Terminal terminal, WatchOptions watchOptions) {
        this.config = config;
        this.programArgs = List.copyOf(programArgs);
        this.terminal = terminal;
        this.watchOptions = watchOptions.ignoringFolder(config.buildDir());
        this.builder = new Builder(config, terminal);
    }

    /** Builds, starts the program and watches until {@link #close()}; returns the exit status. */
    int run() throws InterruptedException {
        try {
            watcher = new SourceWatcher(config.projectDir(), watchOptions, this::changed,
                    error -> terminal.say("watch: " + error));
            watcher.start();
        } catch (IOException e) {
            terminal.say("cannot watch " + config.projectDir() + ": " + e.getMessage());
            return 1;
        }
        queueBuild(0);
        closed.await();
        return 0;
    }

    private void changed(ChangeSet changes) {
        if (changes.rescan() || changes.all().stream().anyMatch(DevSession::isSource)) {
            queueBuild(changes.firstEventNanos());
        }
    }

    private static boolean isSource(Path file) {
        var name = file.getFileName().toString();
        return name.endsWith(".c") || name.endsWith(".h");
    }

    /** Queues one build; edits arriving while one is queued join it. */
    private synchronized void queueBuild(long editStart) {
        if (editStart != 0 && (queuedEditStart == 0 || editStart < queuedEditStart)) {
            queuedEditStart = editStart;
        }
        if (!buildQueued && !closing) {
            buildQueued = true;
            buildThread.execute(this::build);
        }
    }

    private void build() {
        long editStart;
        synchronized (this) {
            buildQueued = false;
            editStart = queuedEditStart;
            queuedEditStart = 0;
        }
        BuildReport report;
        try {
            report = builder.build();
        } catch (RuntimeException | LinkageError e) {
            // a bug of hcr's own, or its jar replaced under it: say so and keep serving
            terminal.say("internal error while building: " + e + " — the program keeps running; save again to retry");
            return;
        }
        if (report instanceof BuildReport.Published published) {
            var generation = published.generation();
            BuildOutcome.published(terminal, generation);
            if (editStart != 0) {
                editStarts.put(generation.number(), editStart);
            }
            apply(generation.number());
        } else if (report instanceof BuildReport.UpToDate upToDate) {
            if (upToDate.generation() > 0) {
                apply(upToDate.generation());
            }
        } else if (report instanceof BuildReport.Failed failed) {
            BuildOutcome.failed(terminal, failed);
            keepsRunning();
        }
    }

    private synchronized void keepsRunning() {
        if (host != null && host.isAlive()) {
            terminal.say("the program keeps running gen " + currentHostGeneration());
        }
    }

    private int currentHostGeneration() {
        return host.events().stream().filter(HostEvent.GenerationLoaded.class::isInstance)
                .map(HostEvent.GenerationLoaded.class::cast).mapToInt(HostEvent.GenerationLoaded::generation)
                .reduce((first, second) -> second).orElse(0);
    }

    /** Sends a generation to the running program, or starts the program if none runs. */
    private synchronized void apply(int generation) {
        if (closing) {
            return;
        }
        if (host != null && host.isAlive()) {
            host.requestReload().thenAccept(result -> {
                if (result.failed()) {
                    terminal.say("reload of gen " + generation + " failed: " + result.error());
                }
            });
            return;
        }
        start();
    }

    private void start() {
        var options = HostOptions.of(config.buildDir())
                .withArgs(programArgs.toArray(String[]::new))
                .withOutput(HostOptions.OutputMode.INHERIT_AND_CAPTURE)
                .withInput(HostOptions.InputMode.INHERIT);
        var reports = new ReloadReports(editStarts, report -> terminal.say(report.line()));
        host = ProgramHost.start(options, event -> {
            reports.accept(event);
            hostEvent(event);
        });
    }

    private void hostEvent(HostEvent event) {
        if (closing) {
            return;
        }
        if (event instanceof HostEvent.Started started) {
            terminal.say("started " + programName() + " (gen " + started.generation() + ", pid " + started.pid() + ")");
        } else if (event instanceof HostEvent.StartFailed failed) {
            terminal.say("cannot start " + programName() + ": " + failed.error());
        } else if (event instanceof HostEvent.RuntimeError error) {
            terminal.say("runtime: " + error.message());
        } else if (event instanceof HostEvent.Crashed crash) {
            sayUnlessInterrupted(crash, CrashReport.line(programName(), crash) + " — restarting on the next good build");
        } else if (event instanceof HostEvent.Exited exited) {
            terminal.say(programName() + " exited with status " + exited.status()
                    + " — restarting on the next good build");
        }
    }

    /**
     * Ctrl-C sends SIGINT to the program and to this server at once, and the program's death may
     * be seen before this server starts closing. A death by SIGINT is therefore reported only if
     * the server is still running a moment later; it is gone by then after a Ctrl-C.
     */
    private void sayUnlessInterrupted(HostEvent.Crashed crash, String line) {
        if (!"SIGINT".equals(crash.signal())) {
            terminal.say(line);
            return;
        }
        CompletableFuture.delayedExecutor(INTERRUPT_GRACE_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
            if (!closing) {
                terminal.say(line);
            }
        });
    }

    private String programName() {
        return config.projectDir().getFileName().toString();
    }

    @Override
    public void close() {
        closing = true;
        if (watcher != null) {
            watcher.close();
        }
        buildThread.shutdownNow();
        synchronized (this) {
            if (host != null) {
                host.stop();
            }
        }
        builder.close();
        closed.countDown();
    }
}
