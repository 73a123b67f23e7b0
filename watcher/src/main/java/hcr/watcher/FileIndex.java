package hcr.watcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files of the watched tree as of the last change set, and the step from raw events to net
 * changes.
 *
 * <p>Raw events say little that can be trusted on their own: an atomic save is a delete and a
 * create (or a create over an existing name), a deleted folder is one event for many files, a
 * temp file may come and go within a burst. So the index does not interpret events; it takes the
 * paths they touched, looks at those paths on disk now, and compares with what it knew before the
 * burst. Known before and present now is {@code modified}, whatever happened in between.
 *
 * <p>Confined to one thread (the watcher's delivery thread).
 */
final class FileIndex {

    private final SourceTree tree;
    private final NavigableMap<Path, FileStamp> files = new TreeMap<>();

    FileIndex(SourceTree tree) {
        this.tree = tree;
    }

    /** The net effect of a burst that touched {@code paths} (files or folders, absolute). */
    FileChanges settle(Set<Path> paths) {
        // the state now of every file the burst may have changed; a null stamp means "gone"
        var now = new HashMap<Path, FileStamp>();
        for (var path : paths) {
            if (tree.ignores(path)) {
                continue;
            }
            var present = tree.files(path);
            // known files at or under the path that are gone (a deleted file or folder)
            for (var known : knownAtOrUnder(path)) {
                if (!present.containsKey(known)) {
                    now.put(known, null);
                }
            }
            // the path itself, written or replaced; and the new files of a new folder
            present.forEach((file, stamp) -> {
                if (file.equals(path) || !files.containsKey(file)) {
                    now.put(file, stamp);
                }
            });
        }
        return apply(now);
    }

    /** Compares the whole tree on disk with the index: the fallback when events were lost. */
    FileChanges rescan(Path root) {
        var present = tree.files(root);
        var now = new HashMap<Path, FileStamp>(present);
        for (var known : files.keySet()) {
            now.putIfAbsent(known, null);
        }
        // a rescan cannot tell "touched" from "untouched": only a changed stamp counts as modified
        now.entrySet().removeIf(entry -> Objects.equals(files.get(entry.getKey()), entry.getValue()));
        return apply(now);
    }

    int size() {
        return files.size();
    }

    private FileChanges apply(Map<Path, FileStamp> now) {
        var created = new HashSet<Path>();
        var modified = new HashSet<Path>();
        var deleted = new HashSet<Path>();
        now.forEach((file, stamp) -> {
            var before = stamp == null ? files.remove(file) : files.put(file, stamp);
            if (before == null && stamp != null) {
                created.add(file);
            } else if (before != null && stamp != null) {
                modified.add(file);
            } else if (before != null) {
                deleted.add(file);
            }
        });
        return new FileChanges(created, modified, deleted);
    }

    /**
     * Known files equal to or inside {@code path}. Paths order by their bytes, so every path
     * whose text starts with {@code path}'s text (the path, its children, and siblings like
     * {@code path-old}) sits in one contiguous run from {@code path} on.
     */
    private Set<Path> knownAtOrUnder(Path path) {
        var prefix = path.toString();
        var found = new HashSet<Path>();
        for (var known : files.tailMap(path, true).keySet()) {
            if (!known.toString().startsWith(prefix)) {
                break;
            }
            if (known.startsWith(path)) {
                found.add(known);
            }
        }
        return found;
    }
}
