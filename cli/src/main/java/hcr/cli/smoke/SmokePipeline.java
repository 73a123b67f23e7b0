package hcr.cli.smoke;

import hcr.cli.BuildTrigger;
import hcr.cli.DevLoop;
import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.BuildReport;
import hcr.loader.HostEvent;
import hcr.loader.HostOptions;
import hcr.loader.ProgramHost;
import hcr.watcher.WatchOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@link DevLoop} of {@code hcr dev}, with the same watch options (10 ms quiet period, the
 * build folder ignored), reporting into a {@link Timeline} instead of a terminal. The program
 * runs in the same host process as under {@code hcr dev}; its output is captured, not echoed.
 */
final class SmokePipeline implements AutoCloseable, DevLoop.Observer {

    private final Timeline timeline;
    private volatile ReloadFold fold;
    private final DevLoop loop;

    /**
     * @param hostOptions how to run the program (arguments, environment); the build folder is
     *                    the config's
     */
    SmokePipeline(BuildConfig config, HostOptions hostOptions, Timeline timeline, BuildListener listener) {
        this.timeline = timeline;
        this.fold = new ReloadFold(timeline);
        this.loop = new DevLoop(config, WatchOptions.defaults(), hostOptions, listener, this);
    }

    /** With {@code true}, a struct or union type's layout change restarts the program ({@code --restart-on-layout-change}). */
    void restartOnLayoutChange(boolean restart) {
        loop.restartOnLayoutChange(restart);
    }

    /** Starts watching and queues the first build, which starts the program when it publishes. */
    void start() throws IOException {
        loop.start();
    }

    /** Each program gets a fold of its own: one that crashed may have left one mid-banner. */
    @Override
    public void starting(int generation) {
        fold = new ReloadFold(timeline);
    }

    @Override
    public void built(BuildTrigger trigger, BuildReport report, long startNanos, long endNanos) {
        timeline.add(new Observed.Built(report));
    }

    @Override
    public void hostEvent(HostEvent event) {
        fold.accept(event);
    }

    @Override
    public void reloaded(int generation, HostEvent.ReloadResult result) {
        if (result.failed()) {
            timeline.add(new Observed.Trouble("reload of gen " + generation + " failed: " + result.error()));
        }
    }

    @Override
    public void notStarted(String message) {
        timeline.add(new Observed.NotStarted(message));
    }

    @Override
    public void trouble(String message) {
        timeline.add(new Observed.Trouble(message));
    }

    /**
     * Stops the program and starts it again on the newest generation, as quitting {@code hcr dev}
     * and starting it again would (the build is up to date).
     */
    void restart() {
        loop.restart();
    }

    /** The running program's host, if one runs. */
    Optional<ProgramHost> host() {
        return loop.host();
    }

    /** Where the runtime of the program with this pid keeps the copies of the libraries it loaded. */
    Path runFolder(long pid) {
        return loop.config().buildDir().resolve("run").resolve(Long.toString(pid));
    }

    @Override
    public void close() {
        loop.close();
    }
}
