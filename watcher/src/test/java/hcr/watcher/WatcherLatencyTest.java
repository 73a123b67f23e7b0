package hcr.watcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The watcher's share of edit-to-effect with the default options: from the moment a save starts
 * to the moment its change set reaches the consumer (event delivery plus quiet period). Printed,
 * not asserted: the figure depends on the machine; the benchmark reports it against its 25 ms goal.
 */
class WatcherLatencyTest {

    static final int SAVES = 21;

    @TempDir
    Path root;

    @Test
    void medianSaveToDelivery() throws Exception {
        var source = Files.writeString(root.resolve("probe.c"), "int probe = 0;\n");
        var deliveries = new Deliveries();
        var options = WatchOptions.defaults();
        var toDelivery = new ArrayList<Long>();
        var toFirstEvent = new ArrayList<Long>();
        var firstEventToDelivery = new ArrayList<Long>();
        try (var watcher = new SourceWatcher(root, options, deliveries, deliveries.errors())) {
            watcher.start();
            for (var i = 1; i <= SAVES; i++) {
                var saved = System.nanoTime();
                Files.writeString(source, "int probe = " + i + ";\n");
                var set = deliveries.next();
                assertEquals(Set.of(source), set.modified());
                toDelivery.add(set.deliveredNanos() - saved);
                toFirstEvent.add(set.firstEventNanos() - saved);
                firstEventToDelivery.add(set.latency().toNanos());
            }
        }
        System.out.printf(
                "watcher latency (quiet period %d ms), %d saves: save->delivery median %.1f ms "
                        + "(min %.1f, max %.1f); save->first event median %.2f ms; "
                        + "first event->delivery median %.2f ms%n",
                options.quietPeriod().toMillis(), SAVES,
                millis(median(toDelivery)), millis(Collections.min(toDelivery)),
                millis(Collections.max(toDelivery)), millis(median(toFirstEvent)),
                millis(median(firstEventToDelivery)));
    }

    private static long median(List<Long> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
