package hcr.watcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How a {@link SourceWatcher} groups and filters events.
 *
 * @param quietPeriod       a change set is delivered once no relevant event arrived for this long;
 *                          the burst of events of one save (or of a "save all") becomes one set
 * @param maxWait           upper bound from the first event of a set to its delivery, so a
 *                          never-ending stream of events still produces change sets
 * @param ignoredFolders    folders whose contents are never reported nor watched, relative to the
 *                          watched root (or absolute inside it): the build folder. {@code .git}
 *                          folders, at any depth, are always ignored on top of these.
 * @param ignoredFileNames  glob patterns matched against a file's name (not its path): editor
 *                          swap, backup and temporary files
 * @param rootCheckInterval how often the watcher checks that the watched root is still the folder
 *                          it registered, and, once the root vanished, whether it came back
 */
public record WatchOptions(
        Duration quietPeriod,
        Duration maxWait,
        Set<Path> ignoredFolders,
        List<String> ignoredFileNames,
        Duration rootCheckInterval) {

    /** Where {@code hcr} writes its builds, relative to the project root. */
    public static final Path BUILD_FOLDER = Path.of(".hcr");

    /**
     * Swap, backup and temporary files of common editors and tools: vim ({@code .x.c.swp},
     * {@code .x.c.swx}, {@code .x.c.swo}, backups {@code x.c~}, the {@code 4913} write probe),
     * Emacs (locks {@code .#x.c}, auto-saves {@code #x.c#}), JetBrains IDEs
     * ({@code x.c___jb_tmp___}, {@code x.c___jb_old___}) and the generic {@code *.tmp}.
     */
    public static final List<String> EDITOR_FILES = List.of(
            "*.swp", "*.swx", "*.swo", "*~", ".#*", "#*#", "4913", "*.tmp",
            "*___jb_tmp___", "*___jb_old___");

    public WatchOptions {
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(rootCheckInterval, "rootCheckInterval");
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("quietPeriod must not be negative: " + quietPeriod);
        }
        if (maxWait.compareTo(quietPeriod) < 0) {
            throw new IllegalArgumentException(
                    "maxWait (" + maxWait + ") must not be shorter than quietPeriod (" + quietPeriod + ")");
        }
        if (rootCheckInterval.isNegative() || rootCheckInterval.isZero()) {
            throw new IllegalArgumentException("rootCheckInterval must be positive: " + rootCheckInterval);
        }
        ignoredFolders = Set.copyOf(ignoredFolders);
        ignoredFileNames = List.copyOf(ignoredFileNames);
    }

    /**
     * 10 ms quiet period, 200 ms max wait, the build folder and the editor files ignored. The
     * quiet period is the watcher's share of edit-to-effect; 10 ms still folds every save of
     * {@link EditorSavesAtDefaultQuietTest} (real vim, sed -i, safe writes) into one change set.
     */
    public static WatchOptions defaults() {
        return new WatchOptions(
                Duration.ofMillis(10), Duration.ofMillis(200),
                Set.of(BUILD_FOLDER), EDITOR_FILES, Duration.ofMillis(250));
    }

    public WatchOptions withQuietPeriod(Duration quietPeriod) {
        return new WatchOptions(quietPeriod, maxWait, ignoredFolders, ignoredFileNames, rootCheckInterval);
    }

    public WatchOptions withMaxWait(Duration maxWait) {
        return new WatchOptions(quietPeriod, maxWait, ignoredFolders, ignoredFileNames, rootCheckInterval);
    }

    /** Replaces the ignored folders; {@code .git} stays ignored whatever is given here. */
    public WatchOptions withIgnoredFolders(Set<Path> ignoredFolders) {
        return new WatchOptions(quietPeriod, maxWait, ignoredFolders, ignoredFileNames, rootCheckInterval);
    }

    /** Adds one folder (e.g. a build folder other than {@code .hcr}) to the ignored ones. */
    public WatchOptions ignoringFolder(Path folder) {
        var folders = Stream.concat(ignoredFolders.stream(), Stream.of(folder)).toList();
        return withIgnoredFolders(Set.copyOf(folders));
    }

    public WatchOptions withIgnoredFileNames(List<String> ignoredFileNames) {
        return new WatchOptions(quietPeriod, maxWait, ignoredFolders, ignoredFileNames, rootCheckInterval);
    }

    public WatchOptions withRootCheckInterval(Duration rootCheckInterval) {
        return new WatchOptions(quietPeriod, maxWait, ignoredFolders, ignoredFileNames, rootCheckInterval);
    }
}
