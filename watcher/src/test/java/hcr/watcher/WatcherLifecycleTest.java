package hcr.watcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Starting and stopping: what start() promises, and that close() leaves nothing running. */
class WatcherLifecycleTest {

    @TempDir
    Path root;

    private final Deliveries deliveries = new Deliveries();

    @Test
    void aWriteRightAfterStartIsSeen() throws Exception {
        try (var watcher = new SourceWatcher(root, WatchOptions.defaults(), deliveries, deliveries.errors())) {
            watcher.start();
            var file = Files.writeString(root.resolve("early.c"), "int early;");
            assertEquals(Set.of(file), deliveries.next().created());
        }
    }

    @Test
    void closeStopsDeliveryAndLeavesNoThreadBehind() throws Exception {
        var before = Thread.getAllStackTraces().keySet();
        var watcher = new SourceWatcher(root, WatchOptions.defaults(), deliveries, deliveries.errors());
        watcher.start();
        Files.writeString(root.resolve("a.c"), "int a;");
        deliveries.next();
        var started = newThreads(before);
        assertTrue(started.stream().anyMatch(t -> t.getName().startsWith("hcr-watcher")),
                () -> "the watcher's threads should be visible while it runs: " + started);

        watcher.close();

        for (var thread : started) {
            thread.join(Deliveries.PATIENCE.toMillis());
            assertFalse(thread.isAlive(), () -> "still running after close(): " + thread);
        }
        assertEquals(Set.of(), newThreads(before), "threads started by the watcher and still alive");
        Files.writeString(root.resolve("after-close.c"), "int late;");
        // there is no thread left to deliver; this only gives a wrong delivery the chance to show
        assertNull(deliveries.poll(Duration.ofMillis(300)), "delivered after close()");
        watcher.close(); // idempotent
    }

    @Test
    void closeFromTheConsumerEndsTheWatcher() throws Exception {
        var before = Thread.getAllStackTraces().keySet();
        var closed = new CountDownLatch(1);
        var holder = new SourceWatcher[1];
        holder[0] = new SourceWatcher(root, WatchOptions.defaults(), set -> {
            holder[0].close();
            closed.countDown();
        });
        holder[0].start();
        Files.writeString(root.resolve("stop.c"), "int stop;");
        if (!closed.await(Deliveries.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the consumer was not called");
        }
        for (var thread : newThreads(before)) {
            thread.join(Deliveries.PATIENCE.toMillis());
            assertFalse(thread.isAlive(), () -> "still running after close() from the consumer: " + thread);
        }
    }

    @Test
    void startFailsOnAMissingRoot() {
        var watcher = new SourceWatcher(root.resolve("missing"), WatchOptions.defaults(), deliveries);
        assertThrows(IOException.class, watcher::start);
        watcher.close();
    }

    @Test
    void startTwiceOrAfterCloseIsRefused() throws Exception {
        var watcher = new SourceWatcher(root, WatchOptions.defaults(), deliveries);
        watcher.start();
        assertThrows(IllegalStateException.class, watcher::start);
        watcher.close();
        assertThrows(IllegalStateException.class, watcher::start);
    }

    private static Set<Thread> newThreads(Set<Thread> before) {
        var now = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
        now.removeAll(before);
        now.removeIf(thread -> !thread.isAlive());
        return now;
    }
}
