package hcr.watcher;

import java.nio.file.Path;
import java.util.Set;

/**
 * The raw events of one quiet-period window, boiled down to what matters: which paths were
 * touched, and whether events were lost or the watch itself ended.
 *
 * @param paths           absolute paths named by events (files or folders), none ignored
 * @param overflow        events were lost; only a full rescan can tell what changed
 * @param watchEnded      the underlying watch stopped by itself (its root is gone)
 * @param firstEventNanos {@link System#nanoTime()} of the first event of the window
 */
record Burst(Set<Path> paths, boolean overflow, boolean watchEnded, long firstEventNanos) {

    Burst {
        paths = Set.copyOf(paths);
    }
}
