package hcr.watcher;

import java.nio.file.Path;
import java.util.Set;

/** The files a burst created, modified and deleted: the content of a {@link ChangeSet}. */
record FileChanges(Set<Path> created, Set<Path> modified, Set<Path> deleted) {

    FileChanges {
        created = Set.copyOf(created);
        modified = Set.copyOf(modified);
        deleted = Set.copyOf(deleted);
    }

    boolean isEmpty() {
        return created.isEmpty() && modified.isEmpty() && deleted.isEmpty();
    }

    ChangeSet toChangeSet(boolean rescan, long firstEventNanos) {
        return new ChangeSet(created, modified, deleted, rescan, firstEventNanos, System.nanoTime());
    }
}
