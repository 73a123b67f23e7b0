package hcr.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The bench's own temporary folder: copies of the user's project and the generated programs
 * live here, so a bench never edits the user's files. Removed on close unless kept.
 */
final class Workspace implements AutoCloseable {

    private final Path root;
    private final boolean keep;

    Workspace(boolean keep) throws IOException {
        this.root = Files.createTempDirectory("hcr-bench-");
        this.keep = keep;
    }

    Path root() {
        return root;
    }

    /** A new empty folder {@code name} in the workspace. */
    Path folder(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }

    /**
     * Copies {@code project} into the workspace under its own name, leaving out its build folder
     * ({@code .hcr}) and every other folder whose name starts with a dot.
     */
    Path copy(Path project) throws IOException {
        return copy(project, root);
    }

    /**
     * Copies {@code project} as {@link #copy(Path)} does, into the new folder {@code under} of the
     * workspace (the copy keeps the project's name: a build may care).
     */
    Path copy(Path project, String under) throws IOException {
        return copy(project, folder(under));
    }

    private Path copy(Path project, Path into) throws IOException {
        var from = project.toAbsolutePath().normalize();
        var to = into.resolve(from.getFileName().toString());
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && dir.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return to;
    }

    @Override
    public void close() {
        if (keep) {
            return;
        }
        try {
            delete(root);
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    /** Deletes {@code path} and everything under it, if it exists. */
    static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(each -> {
                try {
                    Files.deleteIfExists(each);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
