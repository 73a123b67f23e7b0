package hcr.cli;

import hcr.loader.ProgramHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * For {@code hcr run}: asks the running program to reload whenever another process (an
 * {@code hcr build} in another terminal) publishes a generation, by looking at
 * {@code gen/current} a few times a second. {@code hcr dev} needs none of this: it publishes
 * the generations itself.
 */
final class PublishedGenerations implements AutoCloseable {
    private static final long PERIOD_MILLIS = 200;

    private final Path current;
    private final ProgramHost host;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "hcr-run-generations");
        thread.setDaemon(true);
        return thread;
    });
    private FileTime seen;

    PublishedGenerations(Path buildDir, ProgramHost host) {
        this.current = buildDir.resolve("gen").resolve("current");
        this.host = host;
        this.seen = modified();
        timer.scheduleWithFixedDelay(this::check, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void check() {
        var now = modified();
        if (now != null && !now.equals(seen)) {
            seen = now;
            host.requestReload();
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(current);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
