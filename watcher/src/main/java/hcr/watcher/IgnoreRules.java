package hcr.watcher;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Decides which paths under a watched root never show up in a change set: anything outside the
 * root, anything inside a {@code .git} folder (at any depth) or inside an ignored folder such as
 * the build folder, and files whose name matches an editor pattern.
 */
final class IgnoreRules {

    private static final Path GIT = Path.of(".git");

    private final Path root;
    private final List<Path> folders;
    private final List<PathMatcher> fileNames;

    IgnoreRules(Path root, WatchOptions options) {
        this.root = root;
        this.folders = options.ignoredFolders().stream()
                .map(folder -> root.relativize(root.resolve(folder).normalize()))
                .toList();
        var fileSystem = FileSystems.getDefault();
        this.fileNames = options.ignoredFileNames().stream()
                .map(glob -> fileSystem.getPathMatcher("glob:" + glob))
                .toList();
    }

    /** Whether {@code path} (absolute) must be left out of change sets. */
    boolean ignores(Path path) {
        if (!path.startsWith(root)) {
            return true;
        }
        var relative = root.relativize(path);
        if (relative.toString().isEmpty()) {
            return false;
        }
        return insideIgnoredFolder(relative) || isEditorFile(relative.getFileName());
    }

    /**
     * Whether {@code folder} (absolute) is, or is inside, an ignored folder: its tree is neither
     * watched nor walked. Editor-file patterns do not apply to folders.
     */
    boolean prunes(Path folder) {
        if (!folder.startsWith(root)) {
            return true;
        }
        var relative = root.relativize(folder);
        return !relative.toString().isEmpty() && insideIgnoredFolder(relative);
    }

    private boolean insideIgnoredFolder(Path relative) {
        for (var segment : relative) {
            if (segment.equals(GIT)) {
                return true;
            }
        }
        for (var folder : folders) {
            if (relative.startsWith(folder)) {
                return true;
            }
        }
        return false;
    }

    private boolean isEditorFile(Path fileName) {
        for (var matcher : fileNames) {
            if (matcher.matches(fileName)) {
                return true;
            }
        }
        return false;
    }
}
