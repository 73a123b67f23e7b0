package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationStoreTest {
    @TempDir
    Path dir;

    @Test
    void publishesByRenameAndPointsCurrentAtIt() throws Exception {
        var store = new GenerationStore(dir.resolve("gen"));
        assertEquals(0, store.newest());

        var staging = store.begin(1);
        Files.writeString(staging.resolve("manifest"), "x");
        assertEquals(dir.resolve("gen/.tmp-1"), staging);
        store.publish(1);

        assertEquals("1\n", Files.readString(dir.resolve("gen/current")));
        assertEquals("x", Files.readString(dir.resolve("gen/1/manifest")));
        assertFalse(Files.exists(staging));
        assertFalse(Files.exists(dir.resolve("gen/.current.tmp")));
        assertEquals(1, store.newest());
    }

    @Test
    void abandonedAndLeftoverStagingFoldersGo() throws Exception {
        var store = new GenerationStore(dir.resolve("gen"));
        Files.writeString(store.begin(4).resolve("half"), "");
        store.begin(5);
        assertFalse(Files.exists(dir.resolve("gen/.tmp-4")));
        store.abandon(5);
        assertFalse(Files.exists(dir.resolve("gen/.tmp-5")));
        assertEquals(0, store.current());
    }

    @Test
    void pruningKeepsTheNewest() throws Exception {
        var store = new GenerationStore(dir.resolve("gen"));
        for (int n = 1; n <= 25; n++) {
            Files.writeString(store.begin(n).resolve("lib.so"), "" + n);
            store.publish(n);
        }
        store.prune(20);
        for (int n = 1; n <= 25; n++) {
            assertEquals(n > 5, Files.isDirectory(dir.resolve("gen/" + n)), "generation " + n);
        }
        assertTrue(Files.exists(dir.resolve("gen/current")));
        assertEquals(25, store.newest());
    }
}
