package hcr.watcher;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.testsupport.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saves of {@link EditorSavesTest} again, but with the default (short) quiet period that
 * {@code hcr dev} runs with, several times each: when a save's change set is delivered the file
 * must already be there with its new content (a set delivered between vim's rename of
 * {@code x.c} to {@code x.c~} and the new {@code x.c} would make the build see the module
 * deleted, one delivered mid-write would build half a file). This is what says how short the
 * default may be.
 */
class EditorSavesAtDefaultQuietTest {
    private static final int SAVES = 8;

    @TempDir
    Path root;

    private final Deliveries deliveries = new Deliveries();
    private SourceWatcher watcher;
    private Path source;
    private volatile String contentAtDelivery;

    @BeforeEach
    void watch() throws IOException {
        source = Files.writeString(root.resolve("x.c"), "int x = 0;\n");
        watcher = new SourceWatcher(root, WatchOptions.defaults(), set -> {
            contentAtDelivery = read(source);
            deliveries.accept(set);
        }, deliveries.errors());
        watcher.start();
    }

    @AfterEach
    void close() {
        watcher.close();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "<missing: " + e + ">";
        }
    }

    private void expectOneSet(String content) throws Exception {
        var set = deliveries.next();
        assertEquals(Set.of(source), set.modified(), () -> "change set: " + set);
        assertEquals(content, contentAtDelivery, "the file when its change set was delivered");
        // Real vim fsyncs the new file, then sets its mode and ACL: an attribute event that can
        // come after any quiet period (it does at 20 ms too). Such a trailer may follow, as a set
        // of the same file with the same content (a build then finds nothing to do); nothing else may.
        var sentinel = root.resolve("sentinel-" + System.nanoTime() + ".txt");
        Files.writeString(sentinel, "sentinel");
        for (var next = deliveries.next(); !next.all().contains(sentinel); next = deliveries.next()) {
            var trailer = next;
            assertEquals(Set.of(source), trailer.all(), () -> "a save split into two change sets: " + trailer);
            assertEquals(content, contentAtDelivery, "the file when the trailing set was delivered");
        }
        assertEquals(List.of(), deliveries.errorList());
    }

    @Test
    void realVimSaves() throws Exception {
        RequiredTool.requireExecutable(Path.of("/usr/bin/vim"), "vim");
        for (int i = 1; i <= SAVES; i++) {
            var vim = new ProcessBuilder(
                    "/usr/bin/vim", "-u", "NONE", "-i", "NONE", "-N", "-Es",
                    "-c", "set backup writebackup backupskip= backupcopy=auto",
                    "-c", "%s/= [0-9]*;/= " + i + ";/", "-c", "wq", source.toString())
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .start();
            assertTrue(vim.waitFor(60, TimeUnit.SECONDS), "vim did not finish");
            assertEquals(0, vim.exitValue(), () -> new String(EditorSavesTest.readAll(vim)));
            expectOneSet("int x = " + i + ";\n");
        }
    }

    @Test
    void sedInPlaceSaves() throws Exception {
        for (int i = 1; i <= SAVES; i++) {
            var sed = new ProcessBuilder("sed", "-i", "s/= [0-9]*;/= " + i + ";/", source.toString())
                    .redirectErrorStream(true)
                    .start();
            assertTrue(sed.waitFor(60, TimeUnit.SECONDS), "sed did not finish");
            assertEquals(0, sed.exitValue(), () -> new String(EditorSavesTest.readAll(sed)));
            expectOneSet("int x = " + i + ";\n");
        }
    }

    @Test
    void jetBrainsSafeWrites() throws Exception {
        for (int i = 1; i <= SAVES; i++) {
            var temp = Files.writeString(root.resolve("x.c___jb_tmp___"), "int x = " + i + ";\n");
            var old = root.resolve("x.c___jb_old___");
            Files.move(source, old, ATOMIC_MOVE);
            Files.move(temp, source, ATOMIC_MOVE);
            Files.delete(old);
            expectOneSet("int x = " + i + ";\n");
        }
    }

    @Test
    void tempFileRenamedOver() throws Exception {
        for (int i = 1; i <= SAVES; i++) {
            var temp = Files.writeString(root.resolve("x.c.tmp"), "int x = " + i + ";\n");
            Files.move(temp, source, ATOMIC_MOVE, REPLACE_EXISTING);
            expectOneSet("int x = " + i + ";\n");
        }
    }
}
