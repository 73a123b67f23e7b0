package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {
    @TempDir
    Path dir;

    @Test
    void digestsContentNotTimestamps() throws Exception {
        var digests = new FileDigests();
        var file = Files.writeString(dir.resolve("a.c"), "int a;\n");
        var first = digests.digest(file);

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(30)));
        assertEquals(first, digests.digest(file));
        assertEquals(FileDigests.sha256("int a;\n".getBytes()), first);

        Files.delete(file);
        assertNull(digests.digest(file));
    }

    @Test
    void aSecondWriteInTheSameTickIsNotMissed() throws Exception {
        var digests = new FileDigests();
        var file = Files.writeString(dir.resolve("a.c"), "int a;\n");
        var stamp = Files.getLastModifiedTime(file);
        var first = digests.digest(file);

        Files.writeString(file, "int b;\n");
        Files.setLastModifiedTime(file, stamp);

        assertNotEquals(first, digests.digest(file), "same size and time, new content");
    }

    @Test
    void aStableFileIsNotReadAgain() throws Exception {
        var digests = new FileDigests();
        var file = Files.writeString(dir.resolve("a.c"), "int a;\n");
        var old = FileTime.from(Instant.now().minusSeconds(60));
        Files.setLastModifiedTime(file, old);
        var first = digests.digest(file);

        // same size and time but other bytes: only a re-read could tell, and a trusted entry is not re-read
        Files.writeString(file, "int b;\n");
        Files.setLastModifiedTime(file, old);

        assertEquals(first, digests.digest(file));
    }
}
