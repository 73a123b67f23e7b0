package hcr.watcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The net effect of one burst of edits on the files of the watched tree: what a rebuild has to
 * look at.
 *
 * <p>The three sets hold absolute paths of files (never folders: a folder created or deleted
 * contributes the files in it), are disjoint, sorted, and never contain an ignored path. They
 * describe the difference between the tree before the burst and after it, not the raw events: an
 * atomic save (temp file renamed over the original) is a {@code modified} of the original, and a
 * file created and deleted within one burst appears nowhere. Every non-ignored file is reported,
 * whatever its extension; the consumer picks what it builds.
 *
 * @param created         files that did not exist before the burst and exist now
 * @param modified        files that existed before and still exist, written or replaced
 * @param deleted         files that existed before and are gone
 * @param rescan          the watcher could not follow events one by one (event overflow, the
 *                        watched root vanished or was recreated): the sets are a best effort from a
 *                        full rescan and the consumer should reconsider everything
 * @param firstEventNanos {@link System#nanoTime()} when the first raw event of the burst arrived:
 *                        the start of edit-to-effect
 * @param deliveredNanos  {@link System#nanoTime()} when the set was handed to the consumer
 */
public record ChangeSet(
        Set<Path> created,
        Set<Path> modified,
        Set<Path> deleted,
        boolean rescan,
        long firstEventNanos,
        long deliveredNanos) {

    public ChangeSet {
        created = sorted(created);
        modified = sorted(modified);
        deleted = sorted(deleted);
    }

    /** No file changed and no rescan is asked for. The watcher never delivers such a set. */
    public boolean isEmpty() {
        return !rescan && created.isEmpty() && modified.isEmpty() && deleted.isEmpty();
    }

    /** Every file of the set, created, modified or deleted, sorted. */
    public Set<Path> all() {
        var all = new TreeSet<Path>(created);
        all.addAll(modified);
        all.addAll(deleted);
        return Collections.unmodifiableSortedSet(all);
    }

    /** The watcher's share of edit-to-effect: from the first raw event to delivery. */
    public Duration latency() {
        return Duration.ofNanos(deliveredNanos - firstEventNanos);
    }

    private static SortedSet<Path> sorted(Set<Path> paths) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(paths));
    }
}
