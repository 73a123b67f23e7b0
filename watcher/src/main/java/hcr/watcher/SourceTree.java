package hcr.watcher;

import io.methvin.watcher.visitor.FileTreeVisitor;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Walks the watched tree the way the watcher sees it: ignored folders are pruned (never walked,
 * so never registered with inotify either, which keeps the build folder and {@code .git} from
 * eating watches), ignored files are left out, and a file or folder that vanishes during the walk
 * is simply not there. Links to folders are not followed.
 *
 * <p>directory-watcher uses it, as its {@link FileTreeVisitor}, for its own walks: registering
 * folders at start and when a folder is created.
 */
final class SourceTree implements FileTreeVisitor {

    private final IgnoreRules rules;
    private final Consumer<WatchError> errors;

    SourceTree(IgnoreRules rules, Consumer<WatchError> errors) {
        this.rules = rules;
        this.errors = errors;
    }

    boolean ignores(Path path) {
        return rules.ignores(path);
    }

    /**
     * The files at or below {@code start} as they are now: the file itself if {@code start} is a
     * file, everything in it if it is a folder, nothing if it does not exist or is ignored.
     */
    Map<Path, FileStamp> files(Path start) {
        var files = new HashMap<Path, FileStamp>();
        try {
            recursiveVisitFiles(start, folder -> { }, file -> stamp(file).ifPresent(s -> files.put(file, s)));
        } catch (IOException e) {
            errors.accept(new WatchError(start, "could not list files", e));
        }
        return files;
    }

    /** The stamp of {@code file} if it is a regular file (or a link to one). */
    private static Optional<FileStamp> stamp(Path file) {
        try {
            var attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile()
                    ? Optional.of(FileStamp.of(attributes))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void recursiveVisitFiles(Path start, Callback onFolder, Callback onFile) throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes)
                    throws IOException {
                if (rules.prunes(folder)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                try {
                    onFolder.call(folder);
                } catch (NoSuchFileException vanished) {
                    // deleted while we walk (e.g. before directory-watcher could register it)
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!rules.ignores(file) && !attributes.isDirectory()) {
                    try {
                        onFile.call(file);
                    } catch (NoSuchFileException vanished) {
                        // deleted while we walk: not there
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path path, IOException failure) {
                report(path, failure);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException failure) {
                if (failure != null) {
                    report(folder, failure);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void report(Path path, IOException failure) {
        if (!(failure instanceof NoSuchFileException)) {
            errors.accept(new WatchError(path, "could not read; its changes may be missed", failure));
        }
    }
}
