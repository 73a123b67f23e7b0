package hcr.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code gen/} folder: generations are assembled in {@code gen/.tmp-N}, renamed to
 * {@code gen/N} when complete, and announced by rewriting {@code gen/current} through a
 * rename, so a reader that sees {@code current = N} finds {@code gen/N} complete
 * (docs/internals.md, section 5).
 */
final class GenerationStore {
    private final Path root;

    GenerationStore(Path root) {
        this.root = root;
    }

    Path dir(int generation) {
        return root.resolve(Integer.toString(generation));
    }

    /** The highest generation number present, published or named by {@code current}; 0 if none. */
    int newest() throws IOException {
        int newest = current();
        for (int n : published()) {
            newest = Math.max(newest, n);
        }
        return newest;
    }

    /** The generation {@code gen/current} names, 0 if none. */
    int current() throws IOException {
        try {
            return Integer.parseInt(Files.readString(root.resolve("current"), StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            return 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A fresh, empty {@code gen/.tmp-N}; leftovers of interrupted builds are removed. */
    Path begin(int generation) throws IOException {
        Files.createDirectories(root);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ".tmp-*")) {
            for (var leftover : entries) {
                deleteTree(leftover);
            }
        }
        var staging = staging(generation);
        Files.createDirectory(staging);
        return staging;
    }

    /** Drops a generation that will not be published. */
    void abandon(int generation) {
        try {
            deleteTree(staging(generation));
        } catch (IOException e) {
            // a leftover is removed by the next begin()
        }
    }

    /** Renames {@code .tmp-N} to {@code N}, then points {@code current} at it. */
    Path publish(int generation) throws IOException {
        var target = dir(generation);
        Files.move(staging(generation), target, StandardCopyOption.ATOMIC_MOVE);
        var pointer = root.resolve(".current.tmp");
        Files.writeString(pointer, generation + "\n", StandardCharsets.UTF_8);
        Files.move(pointer, root.resolve("current"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Deletes published generations older than the newest {@code keep}. */
    void prune(int keep) throws IOException {
        var numbers = published();
        numbers.sort(null);
        for (int i = 0; i < numbers.size() - keep; i++) {
            deleteTree(dir(numbers.get(i)));
        }
    }

    private Path staging(int generation) {
        return root.resolve(".tmp-" + generation);
    }

    private List<Integer> published() throws IOException {
        var numbers = new ArrayList<Integer>();
        if (!Files.isDirectory(root)) {
            return numbers;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (var entry : entries) {
                var name = entry.getFileName().toString();
                if (name.matches("[1-9][0-9]{0,8}") && Files.isDirectory(entry)) {
                    numbers.add(Integer.parseInt(name));
                }
            }
        }
        return numbers;
    }

    private static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
