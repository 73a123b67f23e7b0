package hcr.compiler.debug;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * A file itself, whichever hard link names it: device and inode, size and modification time. A
 * module kept from one generation to the next is a hard link to the same library, so what was
 * read from it once stays right.
 */
final class FileIdentity {

    private FileIdentity() {
    }

    static Object of(Path file) throws IOException {
        var attributes = Files.readAttributes(file, BasicFileAttributes.class);
        var key = attributes.fileKey() != null ? attributes.fileKey() : file.toAbsolutePath().normalize();
        return List.of(key, attributes.size(), attributes.lastModifiedTime());
    }
}
