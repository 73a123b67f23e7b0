package hcr.cli.bench;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The pipeline of {@code hcr dev}, put together the way {@code DevSession} does it, with every
 * step time-stamped into the armed {@link EditProbe}: the {@link SourceWatcher} (same options,
 * build folder ignored) delivers change sets; a source change queues one build on a single build
 * thread; a published generation is sent to the running program with
 * {@link ProgramHost#requestReload()}; host events come back on the host's event thread. The
 * differences from {@code hcr dev}: the program's output is captured, not echoed, builds are
 * silent, and there is no browser console.
 */
final class DevPipeline implements AutoCloseable {

    private final BuildConfig config;
    private final WatchOptions watchOptions;
    private final List<String> programArgs;
    private final Console console;
    private final Builder builder;
    private final ExecutorService buildThread = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "hcr-bench-build");
        thread.setDaemon(true);
        return thread;
    });
    private final EditProbe idle = new EditProbe(0, Pattern.compile("(?!)"));
    private volatile EditProbe probe = idle;
    private boolean buildQueued;
    private SourceWatcher watcher;
    private ProgramHost host;

    DevPipeline(BuildConfig config, WatchOptions watchOptions, List<String> programArgs, Console console) {
        this.config = config;
        this.watchOptions = watchOptions.ignoringFolder(config.buildDir());
        this.programArgs = List.copyOf(programArgs);
        this.console = console;
        this.builder = new Builder(config, BuildListener.silent());
    }

    /** Watches, builds, starts the program and waits for its first output line. */
    void start(Duration timeout) throws BenchFailure, IOException {
        watcher = new SourceWatcher(config.projectDir(), watchOptions, this::changed,
                error -> console.progress("watch: " + error));
        watcher.start();
        long started = System.nanoTime();
        var report = builder.build();
        if (!(report instanceof BuildReport.Published)) {
            throw new BenchFailure("the first build did not publish: " + describe(report));
        }
        console.progress("built " + config.projectDir().getFileName() + " in " + Units.ms((System.nanoTime() - started) / 1000.0) + " ms");
        var options = HostOptions.of(config.buildDir()).withArgs(programArgs.toArray(String[]::new));
        host = ProgramHost.start(options, this::hostEvent);
        try {
            host.awaitOutput(".", timeout);
        } catch (RuntimeException e) {
            throw new BenchFailure("the program printed nothing: " + e.getMessage(), e);
        }
    }

    /** From now on, the pipeline's stamps go to {@code next}. */
    void arm(EditProbe next) {
        probe = next;
    }

    /** Whether one of the program's recent output lines already matches {@code pattern}. */
    boolean printed(Pattern pattern) {
        return host.outputLines().stream().anyMatch(line -> pattern.matcher(line).find());
    }

    private void changed(ChangeSet changes) {
        probe.changed(changes);
        if (changes.rescan() || changes.all().stream().anyMatch(DevPipeline::isSource)) {
            queueBuild();
        }
    }

    private static boolean isSource(Path file) {
        var name = file.getFileName().toString();
        return name.endsWith(".c") || name.endsWith(".h");
    }

    private synchronized void queueBuild() {
        if (!buildQueued) {
            buildQueued = true;
            buildThread.execute(this::build);
        }
    }

    private void build() {
        synchronized (this) {
            buildQueued = false;
        }
        var target = probe;
        long start = System.nanoTime();
        var report = builder.build();
        long end = System.nanoTime();
        if (report instanceof BuildReport.Published published) {
            target.built(published.generation(), start, end);
            host.requestReload().whenComplete((result, error) -> {
                if (error != null) {
                    target.failed("reload request: " + error.getMessage());
                } else if (result.failed()) {
                    target.failed("reload failed: " + result.error());
                }
            });
        } else if (report instanceof BuildReport.Failed) {
            target.failed("build failed: " + describe(report));
        }
    }

    private void hostEvent(HostEvent event) {
        if (event instanceof HostEvent.Output output) {
            probe.output(output.line(), System.nanoTime());
        } else if (event instanceof HostEvent.GenerationLoaded loaded) {
            probe.loaded(loaded);
        } else if (event instanceof HostEvent.Ending ending) {
            probe.failed("the program ended: " + ending);
        } else if (event instanceof HostEvent.RuntimeError error) {
            probe.failed("runtime: " + error.message());
        }
    }

    private static String describe(BuildReport report) {
        return report instanceof BuildReport.Failed failed ? failed.summary() : report.toString();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        buildThread.shutdownNow();
        if (host != null) {
            host.stop();
        }
        builder.close();
    }
}
