package hcr.cli;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.BuildReport;
import hcr.compiler.Builder;
import hcr.compiler.Generation;
import hcr.compiler.debug.LayoutChange;
import hcr.loader.HostEvent;
import hcr.loader.HostOptions;
import hcr.loader.ProgramHost;
import hcr.watcher.ChangeSet;
import hcr.watcher.SourceWatcher;
import hcr.watcher.WatchOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The loop behind {@code hcr dev}, {@code hcr smoke} and {@code hcr bench}: the watcher
 * delivers change sets; a change to a {@code .c} or {@code .h} file, hcr.toml or a compile
 * database queues one build on the
 * single build thread (changes arriving meanwhile join it); a published generation, or an
 * up-to-date build, is sent to the running program with {@link ProgramHost#requestReload()},
 * or starts the program when none runs (the first build, and after a crash or an exit).
 *
 * <p>What each command shows is its {@link Observer}'s business: the terminal, a scenario's
 * timeline, a benchmark's probe, the browser console. Observers are called on the watcher's,
 * the build thread's and the host's event thread; they must not block.
 */
public final class DevLoop implements AutoCloseable {

    /** What the loop reports. Every method has a default that ignores it. */
    public interface Observer {

        /** The watcher delivered a change set that touches sources; a build is queued for it. */
        default void changed(ChangeSet changes) {
        }

        /** A build is about to run for {@code trigger}. */
        default void building(BuildTrigger trigger) {
        }

        /** A build ended; {@code startNanos} and {@code endNanos} are {@link System#nanoTime()}. */
        default void built(BuildTrigger trigger, BuildReport report, long startNanos, long endNanos) {
        }

        /**
         * The struct and union types whose layout changed in a published generation are known
         * (issue 10; compared after publication, so usually a little after {@link #built}): once
         * per published generation, {@code types} possibly empty, on the build thread or the
         * compiler's. {@code restarting}: the program is restarted on it instead of reloading it
         * ({@link #restartOnLayoutChange}).
         */
        default void layoutTypes(Generation generation, List<LayoutChange> types, boolean restarting) {
        }

        /** A program is about to start on generation {@code generation}. */
        default void starting(int generation) {
        }

        /** The program could not be started (the host JVM did not come up). */
        default void notStarted(String message) {
        }

        /** An event of the running program's host, on the host's event thread. */
        default void hostEvent(HostEvent event) {
        }

        /** The answer to a reload request for {@code generation}. */
        default void reloaded(int generation, HostEvent.ReloadResult result) {
        }

        /** A fault of hcr's own or of its surroundings: watch errors, internal errors, unanswered reloads. */
        default void trouble(String message) {
        }
    }

    private final BuildConfig config;
    private final WatchOptions watchOptions;
    private final HostOptions hostOptions;
    private final Observer observer;
    private final Builder builder;
    private final ExecutorService buildThread = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "hcr-build");
        thread.setDaemon(true);
        return thread;
    });
    private SourceWatcher watcher;
    private ProgramHost host;
    private BuildTrigger queued;
    private boolean paused;
    private int appliedGeneration;
    private volatile boolean restartOnLayoutChange;
    private volatile boolean closing;

    /**
     * @param hostOptions how to run the program (arguments, input, output); its build folder is
     *                    the config's
     */
    public DevLoop(BuildConfig config, WatchOptions watchOptions, HostOptions hostOptions,
                   BuildListener listener, Observer observer) {
        this.config = config;
        this.watchOptions = watchOptions.ignoringFolder(config.buildDir());
        this.hostOptions = hostOptions;
        this.observer = observer;
        this.builder = new Builder(config, listener);
    }

    /** Starts watching and queues the first build, which starts the program when it publishes. */
    public void start() throws IOException {
        watcher = new SourceWatcher(config.projectDir(), watchOptions, this::changed,
                error -> observer.trouble("watch: " + error));
        watcher.start();
        queueBuild(BuildTrigger.first());
    }

    private void changed(ChangeSet changes) {
        if (changes.rescan() || changes.all().stream().anyMatch(DevLoop::isSource)) {
            observer.changed(changes);
            queueBuild(BuildTrigger.of(changes));
        }
    }

    /** A C source or header, or what describes the program (hcr.toml, a compile database): a build reads it again. */
    private static boolean isSource(Path file) {
        var name = file.getFileName().toString();
        return name.endsWith(".c") || name.endsWith(".h") || name.equals("hcr.toml") || name.equals("compile_commands.json");
    }

    /** Queues a build that compiles every module again; it reloads what came out different. */
    public void rebuildAll() {
        builder.compileAllNext();
        queueBuild(BuildTrigger.onRequest());
    }

    private synchronized void queueBuild(BuildTrigger trigger) {
        if (closing) {
            return;
        }
        if (queued != null) {
            queued = queued.join(trigger);
            return;
        }
        queued = trigger;
        buildThread.execute(this::build);
    }

    private void build() {
        BuildTrigger trigger;
        synchronized (this) {
            trigger = queued;
            queued = null;
        }
        observer.building(trigger);
        long start = System.nanoTime();
        BuildReport report;
        try {
            report = builder.build();
        } catch (RuntimeException | LinkageError e) {
            // a bug of hcr's own, or its jar replaced under it: say so and keep serving
            observer.trouble("internal error while building: " + e + " — the program keeps running; save again to retry");
            return;
        }
        observer.built(trigger, report, start, System.nanoTime());
        if (report instanceof BuildReport.Published published) {
            published(published.generation());
        } else if (report instanceof BuildReport.UpToDate upToDate && upToDate.generation() > 0) {
            offer(upToDate.generation());
        }
    }

    /**
     * With {@code --restart-on-layout-change}: a struct or union type whose objects the running
     * program may hold changed layout, so the program starts again on the new generation instead
     * of reloading it (unless reloads are paused).
     */
    public void restartOnLayoutChange(boolean restart) {
        restartOnLayoutChange = restart;
    }

    /**
     * A published generation goes to the program. With {@link #restartOnLayoutChange} and a
     * program running, the build thread waits for the types' comparison (the user chose restarts
     * over the last milliseconds) and restarts the program when a type changed layout; otherwise
     * the observer hears about the types when they are known, and the reload goes on meanwhile.
     */
    private void published(Generation generation) {
        if (restartOnLayoutChange && host().isPresent()) {
            var types = generation.typeChanges().join();
            boolean restart = !types.isEmpty() && !paused() && host().isPresent();
            observer.layoutTypes(generation, types, restart);
            if (restart) {
                restart();
                return;
            }
        } else {
            generation.typeChanges().whenComplete((types, error) -> {
                if (error == null && !closing) {
                    observer.layoutTypes(generation, types, false);
                }
            });
        }
        offer(generation.number());
    }

    /** A generation is ready: applied unless reloads are paused; a program is started if none runs. */
    private synchronized void offer(int generation) {
        if (paused && isRunning()) {
            return;
        }
        apply(generation);
    }

    /** Sends a generation to the running program, or starts the program if none runs. */
    private synchronized void apply(int generation) {
        if (closing) {
            return;
        }
        if (!isRunning()) {
            startHost(generation);
            return;
        }
        appliedGeneration = Math.max(appliedGeneration, generation);
        host.requestReload().whenComplete((result, error) -> {
            if (error != null) {
                observer.trouble("reload of gen " + generation + " not answered: " + error.getMessage());
            } else {
                observer.reloaded(generation, result);
            }
        });
    }

    private void startHost(int generation) {
        observer.starting(generation);
        appliedGeneration = generation;
        try {
            host = ProgramHost.start(hostOptions, observer::hostEvent);
        } catch (RuntimeException e) {
            host = null;
            observer.notStarted("cannot start the program: " + e.getMessage());
        }
    }

    private boolean isRunning() {
        return host != null && host.isAlive();
    }

    /** While paused, published generations wait; {@link #reloadNow()} or resuming applies the newest. */
    public synchronized void setPaused(boolean pause) {
        paused = pause;
        if (!pause) {
            reloadNow();
        }
    }

    public synchronized boolean paused() {
        return paused;
    }

    /** Applies the newest published generation now, paused or not, if it is newer than the one sent. */
    public synchronized void reloadNow() {
        int current = builder.currentGeneration();
        if (current > 0 && (current > appliedGeneration || !isRunning())) {
            apply(current);
        }
    }

    /**
     * Stops the program and starts it again on the newest generation, as quitting
     * {@code hcr dev} and starting it again would. Blocks until the old program is gone.
     */
    public void restart() {
        ProgramHost old;
        synchronized (this) {
            old = host;
            host = null;
        }
        if (old != null) {
            old.stop();
        }
        synchronized (this) {
            int current = builder.currentGeneration();
            if (!closing && current > 0) {
                startHost(current);
            }
        }
    }

    /** The running program's host, if one runs. */
    public synchronized Optional<ProgramHost> host() {
        return Optional.ofNullable(host).filter(ProgramHost::isAlive);
    }

    /** The newest generation the builder published, 0 before the first. */
    public int currentGeneration() {
        return builder.currentGeneration();
    }

    public BuildConfig config() {
        return config;
    }

    @Override
    public void close() {
        closing = true;
        if (watcher != null) {
            watcher.close();
        }
        buildThread.shutdownNow();
        ProgramHost last;
        synchronized (this) {
            last = host;
        }
        if (last != null) {
            last.stop();
        }
        builder.close();
    }
}
