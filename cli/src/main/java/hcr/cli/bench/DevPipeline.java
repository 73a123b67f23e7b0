package hcr.cli.bench;

import hcr.cli.BuildTrigger;
import hcr.cli.DevLoop;
import hcr.cli.ProgramLaunch;
import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.BuildReport;
import hcr.loader.HostEvent;
import hcr.loader.HostOptions;
import hcr.loader.ProgramHost;
import hcr.project.ModelException;
import hcr.watcher.WatchOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@link DevLoop} of {@code hcr dev}, with every step time-stamped into the armed
 * {@link EditProbe}; the program started as {@code hcr dev} starts it ({@link ProgramLaunch}:
 * hcr.toml's name, arguments, directory and environment). The differences from {@code hcr dev}:
 * the program's output is captured, not echoed, builds are silent, and there is no browser console.
 */
final class DevPipeline implements AutoCloseable, DevLoop.Observer {

    private final DevLoop loop;
    private final Console console;
    private final EditProbe idle = new EditProbe(0, Pattern.compile("(?!)"));
    private volatile EditProbe probe = idle;
    private volatile String firstFailure;

    /** @param programArgs the program's arguments; empty for those the project describes (hcr.toml) */
    DevPipeline(BuildConfig config, WatchOptions watchOptions, List<String> programArgs, Console console)
            throws ModelException {
        this.console = console;
        var options = ProgramLaunch.launch(HostOptions.of(config.buildDir()), ProgramLaunch.model(config), programArgs);
        this.loop = new DevLoop(config, watchOptions, options, BuildListener.silent(), this);
    }

    /** Watches, builds, starts the program and waits for its first output line. */
    void start(Duration timeout) throws BenchFailure, IOException, InterruptedException {
        long started = System.nanoTime();
        loop.start();
        ProgramHost host = awaitHost(started + timeout.toNanos());
        console.progress("built and started " + loop.config().projectDir().getFileName() + " in "
                + Units.ms((System.nanoTime() - started) / 1000.0) + " ms");
        try {
            host.awaitOutput(".", timeout);
        } catch (RuntimeException e) {
            throw new BenchFailure("the program printed nothing: " + e.getMessage(), e);
        }
    }

    private ProgramHost awaitHost(long deadline) throws BenchFailure, InterruptedException {
        while (System.nanoTime() < deadline) {
            if (firstFailure != null) {
                throw new BenchFailure(firstFailure);
            }
            var host = loop.host();
            if (host.isPresent()) {
                return host.get();
            }
            Thread.sleep(10);
        }
        throw new BenchFailure("the program did not start in time");
    }

    /** From now on, the pipeline's stamps go to {@code next}. */
    void arm(EditProbe next) {
        probe = next;
    }

    /** Whether one of the program's recent output lines already matches {@code pattern}. */
    boolean printed(Pattern pattern) {
        return loop.host().map(host -> host.outputLines().stream().anyMatch(line -> pattern.matcher(line).find()))
                .orElse(false);
    }

    @Override
    public void building(BuildTrigger trigger) {
        if (trigger.fromEdit()) {
            probe.changed(trigger);
        }
    }

    @Override
    public void built(BuildTrigger trigger, BuildReport report, long startNanos, long endNanos) {
        if (report instanceof BuildReport.Published published) {
            probe.built(published.generation(), startNanos, endNanos);
        } else if (report instanceof BuildReport.Failed failed) {
            fail("build failed: " + failed.summary());
        }
    }

    @Override
    public void reloaded(int generation, HostEvent.ReloadResult result) {
        if (result.failed()) {
            fail("reload failed: " + result.error());
        }
    }

    @Override
    public void notStarted(String message) {
        fail(message);
    }

    @Override
    public void trouble(String message) {
        if (message.startsWith("watch: ")) {
            console.progress(message);
        } else {
            fail(message);
        }
    }

    @Override
    public void hostEvent(HostEvent event) {
        if (event instanceof HostEvent.Output output) {
            probe.output(output.line(), System.nanoTime());
        } else if (event instanceof HostEvent.GenerationLoaded loaded) {
            probe.loaded(loaded);
        } else if (event instanceof HostEvent.Ending ending) {
            fail("the program ended: " + ending);
        } else if (event instanceof HostEvent.RuntimeError error) {
            fail("runtime: " + error.message());
        } else if (event instanceof HostEvent.StartFailed failed) {
            fail("cannot start the program: " + failed.error());
        }
    }

    private void fail(String why) {
        if (firstFailure == null) {
            firstFailure = why;
        }
        probe.failed(why);
    }

    @Override
    public void close() {
        loop.close();
    }
}
