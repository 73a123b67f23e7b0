package hcr.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryCacheTest {

    private static final String ONE = "hcr/test/one/libsample.so.txt";
    private static final String TWO = "hcr/test/two/libsample.so.txt";

    @TempDir
    Path root;

    private LibraryCache cache() {
        return new LibraryCache(root, getClass().getClassLoader());
    }

    @Test
    void extracts_libhcr_into_a_folder_named_by_its_content() throws Exception {
        var path = cache().libhcr();

        assertEquals(root, path.getParent().getParent());
        assertEquals("libhcr.so", path.getFileName().toString());
        assertTrue(path.getParent().getFileName().toString().matches("[0-9a-f]{16}"), path.toString());
        try (var in = getClass().getClassLoader().getResourceAsStream(LibraryCache.LIBHCR_RESOURCE)) {
            assertArrayEquals(in.readAllBytes(), Files.readAllBytes(path));
        }
    }

    @Test
    void a_second_extraction_reuses_the_file() throws Exception {
        var first = cache().extract(ONE);
        var inode = Files.readAttributes(first, BasicFileAttributes.class).fileKey();

        var second = cache().extract(ONE);

        assertEquals(first, second);
        assertEquals(inode, Files.readAttributes(second, BasicFileAttributes.class).fileKey());
    }

    @Test
    void different_content_lands_in_a_different_folder() throws Exception {
        var one = cache().extract(ONE);
        var two = cache().extract(TWO);

        assertEquals(one.getFileName(), two.getFileName());
        assertNotEquals(one.getParent(), two.getParent());
        assertEquals("first library\n", Files.readString(one));
        assertEquals("second library, other content\n", Files.readString(two));
    }

    @Test
    void concurrent_extractions_all_see_the_whole_file_and_leave_nothing_aside() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            var tasks = new ArrayList<Callable<Path>>();
            for (int i = 0; i < 32; i++) {
                tasks.add(() -> cache().extract(TWO));
            }
            for (var result : pool.invokeAll(tasks)) {
                assertEquals("second library, other content\n", Files.readString(result.get()));
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        try (var files = Files.walk(root)) {
            assertEquals(1, files.filter(Files::isRegularFile).count());
        }
    }

    @Test
    void a_missing_resource_is_named() {
        var e = assertThrows(IllegalStateException.class, () -> cache().extract("hcr/test/none/libnone.so"));
        assertTrue(e.getMessage().contains("hcr/test/none/libnone.so"), e.getMessage());
    }
}
