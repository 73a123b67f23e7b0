package hcr.watcher;

import hcr.testsupport.RequiredTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Saves the way editors and tools really do them: through temp files, backups and renames. Each
 * must come out as one {@code modified} of the edited file, with none of the helper files leaking
 * into the change set, and nothing trailing after it.
 */
class EditorSavesTest {

    @TempDir
    Path root;

    private final Deliveries deliveries = new Deliveries();
    private SourceWatcher watcher;
    private Path source;

    @BeforeEach
    void watchOneSourceFile() throws IOException {
        source = Files.writeString(root.resolve("x.c"), "int x = 1;\n");
        watcher = new SourceWatcher(root, SourceWatcherTest.SCENARIO, deliveries, deliveries.errors());
        watcher.start();
    }

    @AfterEach
    void close() {
        watcher.close();
    }

    private void expectOnlyModifiedSource(String expectedContent) throws Exception {
        var set = deliveries.next();
        assertEquals(Set.of(source), set.modified(), () -> "change set: " + set);
        assertEquals(Set.of(source), set.all(), () -> "change set: " + set);
        assertFalse(set.rescan());
        assertEquals(expectedContent, Files.readString(source));
        deliveries.expectNothingMore(root);
        assertEquals(List.of(), deliveries.errorList());
    }

    @Test
    void vimStyleSaveWithProbeSwapAndBackup() throws Exception {
        // opening x.c: vim creates its swap file, which lives as long as the editing session
        var swap = Files.writeString(root.resolve(".x.c.swp"), "vim swap");
        deliveries.expectNothingMore(root);

        // :w with 'writebackup' and 'backupcopy' auto
        var probe = Files.writeString(root.resolve("4913"), "");
        Files.delete(probe);
        Files.writeString(swap, "vim swap, synced");
        var backup = root.resolve("x.c~");
        Files.move(source, backup);
        Files.writeString(source, "int x = 2;\n");
        Files.delete(backup);
        expectOnlyModifiedSource("int x = 2;\n");

        // :q
        Files.delete(swap);
        deliveries.expectNothingMore(root);
    }

    @Test
    void realVimSave() throws Exception {
        RequiredTool.requireExecutable(Path.of("/usr/bin/vim"), "vim");
        // with 'backupcopy' auto vim saves by: probing with 4913, renaming x.c to x.c~, writing a
        // new x.c; 'backup' keeps x.c~ afterwards; a .x.c.swp lives alongside while editing.
        // 'backupskip' is cleared because by default it skips the backup for files under /tmp.
        var inodeBefore = Files.getAttribute(source, "unix:ino");
        var vim = new ProcessBuilder(
                "/usr/bin/vim", "-u", "NONE", "-i", "NONE", "-N", "-Es",
                "-c", "set backup writebackup backupskip= backupcopy=auto",
                "-c", "%s/1/2/", "-c", "wq", source.toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        assertTrue(vim.waitFor(60, TimeUnit.SECONDS), "vim did not finish");
        assertEquals(0, vim.exitValue(), () -> new String(readAll(vim)));
        assertNotEquals(inodeBefore, Files.getAttribute(source, "unix:ino"), "vim should have saved by rename");
        assertTrue(Files.exists(root.resolve("x.c~")), "vim should have kept its backup");

        expectOnlyModifiedSource("int x = 2;\n");
    }

    @Test
    void vsCodeStyleSaveThroughTempFileAndRename() throws Exception {
        var temp = Files.writeString(root.resolve("x.c.tmp"), "int x = 3;\n");
        Files.move(temp, source, ATOMIC_MOVE, REPLACE_EXISTING);

        expectOnlyModifiedSource("int x = 3;\n");
    }

    @Test
    void jetBrainsSafeWrite() throws Exception {
        var temp = Files.writeString(root.resolve("x.c___jb_tmp___"), "int x = 4;\n");
        var old = root.resolve("x.c___jb_old___");
        Files.move(source, old, ATOMIC_MOVE);
        Files.move(temp, source, ATOMIC_MOVE);
        Files.delete(old);

        expectOnlyModifiedSource("int x = 4;\n");
    }

    @Test
    void jetBrainsTempRenamedOverTheOriginal() throws Exception {
        var temp = Files.writeString(root.resolve("x.c___jb_tmp___"), "int x = 5;\n");
        Files.move(temp, source, ATOMIC_MOVE, REPLACE_EXISTING);

        expectOnlyModifiedSource("int x = 5;\n");
    }

    @Test
    void sedInPlace() throws Exception {
        // GNU sed -i writes ./sedXXXXXX (a name no pattern ignores) and renames it over x.c
        var inodeBefore = Files.getAttribute(source, "unix:ino");
        var sed = new ProcessBuilder("sed", "-i", "s/1/6/", source.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(sed.waitFor(60, TimeUnit.SECONDS), "sed did not finish");
        assertEquals(0, sed.exitValue(), () -> new String(readAll(sed)));
        assertNotEquals(inodeBefore, Files.getAttribute(source, "unix:ino"), "sed -i replaces the file");

        expectOnlyModifiedSource("int x = 6;\n");
    }

    @Test
    void headerAndSourceSavedTogetherFormOneSet() throws Exception {
        var header = Files.writeString(root.resolve("x.h"), "extern int x;\n");
        deliveries.next(); // the header's creation
        Files.writeString(root.resolve("x.h.tmp"), "extern int x; extern int y;\n");
        Files.move(root.resolve("x.h.tmp"), header, ATOMIC_MOVE, REPLACE_EXISTING);
        Files.writeString(root.resolve("x.c.tmp"), "int x = 7; int y;\n");
        Files.move(root.resolve("x.c.tmp"), source, ATOMIC_MOVE, REPLACE_EXISTING);

        var set = deliveries.next();
        assertEquals(Set.of(header, source), set.modified(), () -> "change set: " + set);
        assertEquals(Set.of(header, source), set.all());
    }

    static byte[] readAll(Process process) {
        try {
            return process.getInputStream().readAllBytes();
        } catch (IOException e) {
            return e.toString().getBytes();
        }
    }
}
