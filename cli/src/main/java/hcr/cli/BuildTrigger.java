package hcr.cli;

import hcr.watcher.ChangeSet;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why a build runs: the change sets it takes in (several, when saves arrive while a build is
 * queued), the first build of a session, or a request.
 *
 * @param changed         every file the change sets named, sorted
 * @param firstEventNanos {@link System#nanoTime()} of the earliest file event behind the build,
 *                        0 when no edit caused it: the start of edit-to-effect
 * @param deliveredNanos  when the newest change set was delivered, 0 when none was
 * @param requested       asked for (first build, console action) rather than caused by edits
 */
public record BuildTrigger(Set<Path> changed, long firstEventNanos, long deliveredNanos, boolean requested) {

    public BuildTrigger {
        changed = Set.copyOf(new TreeSet<>(changed));
    }

    static BuildTrigger first() {
        return new BuildTrigger(Set.of(), 0, 0, true);
    }

    static BuildTrigger onRequest() {
        return new BuildTrigger(Set.of(), 0, 0, true);
    }

    static BuildTrigger of(ChangeSet changes) {
        return new BuildTrigger(changes.all(), changes.firstEventNanos(), changes.deliveredNanos(), false);
    }

    /** Whether edits caused this build, so that it has an edit-to-effect time. */
    public boolean fromEdit() {
        return firstEventNanos != 0;
    }

    /** The watcher's share of edit-to-effect, in microseconds; 0 when no edit caused the build. */
    public long watchMicros() {
        return fromEdit() ? (deliveredNanos - firstEventNanos) / 1000 : 0;
    }

    /** This trigger and a later one, as one build. */
    BuildTrigger join(BuildTrigger later) {
        var files = new TreeSet<>(changed);
        files.addAll(later.changed);
        long first = firstEventNanos == 0 ? later.firstEventNanos
                : later.firstEventNanos == 0 ? firstEventNanos : Math.min(firstEventNanos, later.firstEventNanos);
        return new BuildTrigger(files, first, Math.max(deliveredNanos, later.deliveredNanos), requested || later.requested);
    }
}
