package hcr.cli.smoke;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.BuildReport;
import hcr.compiler.Builder;
import hcr.loader.HostOptions;
import hcr.loader.ProgramHost;
import hcr.watcher.ChangeSet;
import hcr.watcher.SourceWatcher;
import hcr.watcher.WatchOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The pipeline of {@code hcr dev}, composed as {@code DevSession} composes it, reporting into a
 * {@link Timeline} instead of a terminal: the {@link SourceWatcher} with dev's options (20 ms
 * quiet period, the build folder ignored) delivers change sets; a change to a {@code .c} or
 * {@code .h} file queues one build on the single build thread (changes arriving meanwhile join
 * it); a published generation, or an up-to-date build, is sent to the running program with
 * {@link ProgramHost#requestReload()}, or starts the program when none runs (the first build,
 * and after a crash or an exit). The program runs in the same host process as under
 * {@code hcr dev}; its output is captured, not echoed, and its stdin is closed.
 *
 * <p>({@code DevSession} and the bench's {@code DevPipeline} are package-private to their
 * packages and write to a terminal or a probe, so this composition is written out again here:
 * the same few calls on the public watcher, builder and host.)
 */
final class SmokePipeline implements AutoCloseable {

    private final BuildConfig config;
    private final HostOptions hostOptions;
    private final Timeline timeline;
    private final WatchOptions watchOptions;
    private final Builder builder;
    private final ExecutorService buildThread = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "hcr-smoke-build");
        thread.setDaemon(true);
        return thread;
    });
    private SourceWatcher watcher;
    private ProgramHost host;
    private boolean buildQueued;
    private volatile boolean closing;

    /**
     * @param hostOptions how to run the program (arguments, environment); the build folder is
     *                    the config's
     */
    SmokePipeline(BuildConfig config, HostOptions hostOptions, Timeline timeline, BuildListener listener) {
        this.config = config;
        this.hostOptions = hostOptions;
        this.timeline = timeline;
        this.watchOptions = WatchOptions.defaults().ignoringFolder(config.buildDir());
        this.builder = new Builder(config, listener);
    }

    /** Starts watching and queues the first build, which starts the program when it publishes. */
    void start() throws IOException {
        watcher = new SourceWatcher(config.projectDir(), watchOptions, this::changed,
                error -> timeline.add(new Observed.Trouble("watch: " + error)));
        watcher.start();
        queueBuild();
    }

    private void changed(ChangeSet changes) {
        if (changes.rescan() || changes.all().stream().anyMatch(SmokePipeline::isSource)) {
            queueBuild();
        }
    }

    private static boolean isSource(Path file) {
        var name = file.getFileName().toString();
        return name.endsWith(".c") || name.endsWith(".h");
    }

    private synchronized void queueBuild() {
        if (!buildQueued && !closing) {
            buildQueued = true;
            buildThread.execute(this::build);
        }
    }

    private void build() {
        synchronized (this) {
            buildQueued = false;
        }
        BuildReport report;
        try {
            report = builder.build();
        } catch (RuntimeException | LinkageError e) {
            timeline.add(new Observed.Trouble("internal error while building: " + e));
            return;
        }
        timeline.add(new Observed.Built(report));
        if (report instanceof BuildReport.Published published) {
            apply(published.generation().number());
        } else if (report instanceof BuildReport.UpToDate upToDate && upToDate.generation() > 0) {
            apply(upToDate.generation());
        }
    }

    /** Sends a generation to the running program, or starts the program if none runs. */
    private synchronized void apply(int generation) {
        if (closing) {
            return;
        }
        if (host != null && host.isAlive()) {
            host.requestReload().whenComplete((result, error) -> {
                if (error != null) {
                    timeline.add(new Observed.Trouble("reload of gen " + generation + " not answered: " + error.getMessage()));
                } else if (result.failed()) {
                    timeline.add(new Observed.Trouble("reload of gen " + generation + " failed: " + result.error()));
                }
            });
            return;
        }
        startHost();
    }

    private void startHost() {
        try {
            host = ProgramHost.start(hostOptions, new ReloadFold(timeline));
        } catch (RuntimeException e) {
            host = null;
            timeline.add(new Observed.NotStarted("cannot start the program: " + e.getMessage()));
        }
    }

    /**
     * Stops the program and starts it again on the newest generation, as quitting {@code hcr dev}
     * and starting it again would (the build is up to date).
     */
    void restart() {
        ProgramHost old;
        synchronized (this) {
            old = host;
            host = null;
        }
        if (old != null) {
            old.stop();
        }
        synchronized (this) {
            if (!closing && builder.currentGeneration() > 0) {
                startHost();
            }
        }
    }

    /** The running program's host, if one runs. */
    synchronized Optional<ProgramHost> host() {
        return Optional.ofNullable(host).filter(ProgramHost::isAlive);
    }

    /** Where the runtime of the program with this pid keeps the copies of the libraries it loaded. */
    Path runFolder(long pid) {
        return config.buildDir().resolve("run").resolve(Long.toString(pid));
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
