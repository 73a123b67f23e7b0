package hcr.compiler.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file so that readers see the old content or the new one, never a part. */
final class AtomicFile {
    private AtomicFile() {
    }

    static void write(Path file, String content) throws IOException {
        var parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        var aside = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(aside, content, StandardCharsets.UTF_8);
            move(aside, file);
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    /** Renames {@code from} over {@code to}, atomically where the file system can. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
