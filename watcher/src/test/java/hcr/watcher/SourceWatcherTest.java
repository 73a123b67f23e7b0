package hcr.watcher;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shape of change sets for plain edits and folder operations, done for real in a temp folder.
 *
 * <p>These tests check what a burst folds into, not how fast: they run with a 150 ms quiet period
 * so a stall of the shared test machine in the middle of a scripted burst cannot split it. The
 * default quiet period is measured in {@link WatcherLatencyTest}.
 */
class SourceWatcherTest {

    static final WatchOptions SCENARIO = WatchOptions.defaults()
            .withQuietPeriod(Duration.ofMillis(150))
            .withMaxWait(Duration.ofSeconds(2));

    @TempDir
    Path root;

    private final Deliveries deliveries = new Deliveries();
    private final List<SourceWatcher> watchers = new ArrayList<>();

    @AfterEach
    void closeWatchers() {
        watchers.forEach(SourceWatcher::close);
    }

    private SourceWatcher watch(Path folder, WatchOptions options) throws IOException {
        var watcher = new SourceWatcher(folder, options, deliveries, deliveries.errors());
        watchers.add(watcher);
        watcher.start();
        return watcher;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void plainWriteIsOneModified() throws Exception {
        var main = write(root.resolve("main.c"), "int main(void) { return 0; }\n");
        watch(root, SCENARIO);

        Files.writeString(main, "int main(void) { return 1; }\n");

        var set = deliveries.next();
        assertEquals(Set.of(main), set.modified());
        assertEquals(Set.of(), set.created());
        assertEquals(Set.of(), set.deleted());
        assertFalse(set.rescan());
        deliveries.expectNothingMore(root);
    }

    @Test
    void burstOfWritesToThreeFilesIsOneChangeSet() throws Exception {
        var files = List.of(
                write(root.resolve("a.c"), "a"), write(root.resolve("b.c"), "b"), write(root.resolve("lib/c.h"), "c"));
        watch(root, SCENARIO);

        for (var i = 0; i < 10; i++) {
            Files.writeString(files.get(i % 3), "version " + i);
        }

        var set = deliveries.next();
        assertEquals(Set.copyOf(files), set.modified());
        assertEquals(Set.copyOf(files), set.all());
        deliveries.expectNothingMore(root);
    }

    @Test
    void newFileInNewNestedFolderIsCreated() throws Exception {
        watch(root, SCENARIO);

        var file = write(root.resolve("net/proto/v2/packet.c"), "int packet;\n");

        var set = deliveries.next();
        assertEquals(Set.of(file), set.created());
        assertEquals(Set.of(file), set.all());
    }

    @Test
    void fileCreatedAndDeletedWithinOneBurstShowsUpNowhere() throws Exception {
        watch(root, SCENARIO);

        var fleeting = write(root.resolve("fleeting.c"), "gone soon");
        Files.delete(fleeting);
        var kept = write(root.resolve("kept.c"), "stays");

        var set = deliveries.next();
        assertEquals(Set.of(kept), set.all());
        assertEquals(Set.of(kept), set.created());
    }

    @Test
    void deletingFolderWithFilesDeletesItsFiles() throws Exception {
        var gone = List.of(
                write(root.resolve("audio/mix.c"), "mix"),
                write(root.resolve("audio/mix.h"), "mix"),
                write(root.resolve("audio/codecs/ogg.c"), "ogg"));
        var stays = write(root.resolve("audio-old/keep.c"), "keep");
        watch(root, SCENARIO);

        FileUtils.deleteDirectory(root.resolve("audio").toFile());

        var set = deliveries.next();
        assertEquals(Set.copyOf(gone), set.deleted());
        assertEquals(Set.copyOf(gone), set.all());
        assertTrue(Files.exists(stays));
        deliveries.expectNothingMore(root);
    }

    @Test
    void folderMovedOutOfTheTreeDeletesItsFiles(@TempDir Path elsewhere) throws Exception {
        // a move out of the tree is a single event for the folder: the files come from the index
        var gone = List.of(write(root.resolve("ui/button.c"), "b"), write(root.resolve("ui/theme/dark.c"), "d"));
        watch(root, SCENARIO);

        Files.move(root.resolve("ui"), elsewhere.resolve("ui"));

        var set = deliveries.next();
        assertEquals(Set.copyOf(gone), set.deleted());
        assertEquals(Set.copyOf(gone), set.all());
    }

    @Test
    void folderMovedIntoTheTreeCreatesItsFiles(@TempDir Path elsewhere) throws Exception {
        write(elsewhere.resolve("vendor/zlib/inflate.c"), "inflate");
        write(elsewhere.resolve("vendor/zlib/deflate.c"), "deflate");
        watch(root, SCENARIO);

        Files.move(elsewhere.resolve("vendor"), root.resolve("vendor"));

        var set = deliveries.next();
        assertEquals(
                Set.of(root.resolve("vendor/zlib/inflate.c"), root.resolve("vendor/zlib/deflate.c")),
                set.created());
        assertEquals(2, set.all().size());
        // and the moved-in folders are watched from now on
        Files.writeString(root.resolve("vendor/zlib/inflate.c"), "inflate v2");
        assertEquals(Set.of(root.resolve("vendor/zlib/inflate.c")), deliveries.next().modified());
    }

    @Test
    void subfolderRemovedAndRecreatedIsWatchedAgain() throws Exception {
        var old = write(root.resolve("gfx/draw.c"), "draw");
        watch(root, SCENARIO);

        FileUtils.deleteDirectory(root.resolve("gfx").toFile());
        assertEquals(Set.of(old), deliveries.next().deleted());

        Files.createDirectory(root.resolve("gfx"));
        var fresh = write(root.resolve("gfx/blit.c"), "blit");
        assertEquals(Set.of(fresh), deliveries.next().created());

        Files.writeString(fresh, "blit v2");
        var set = deliveries.next();
        assertEquals(Set.of(fresh), set.modified());
        assertEquals(Set.of(fresh), set.all());
    }

    @Test
    void buildFolderGitAndEditorFilesAreNeverDelivered() throws Exception {
        write(root.resolve(".hcr/gen/1/libmain.so"), "old build");
        write(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        write(root.resolve("src/main.c"), "int main;");
        watch(root, SCENARIO);

        write(root.resolve(".hcr/gen/1/libmain.so"), "rebuilt");
        write(root.resolve(".hcr/gen/2/libmain.g2.so"), "new generation");
        write(root.resolve(".git/HEAD"), "ref: refs/heads/other\n");
        write(root.resolve(".git/objects/ab/cdef"), "object");
        write(root.resolve("vendor/lib/.git/index"), "a nested repository");
        write(root.resolve("src/.main.c.swp"), "swap");
        write(root.resolve("src/main.c~"), "backup");
        write(root.resolve("src/.#main.c"), "emacs lock");
        write(root.resolve("src/4913"), "");
        write(root.resolve("src/main.c.tmp"), "temp");

        // vendor/ and vendor/lib/ are new folders, but the only file in them is inside a .git
        deliveries.expectNothingMore(root);
    }

    @Test
    void anotherBuildFolderCanBeIgnored() throws Exception {
        watch(root, SCENARIO.ignoringFolder(Path.of("out")));

        write(root.resolve("out/main.o"), "object");
        var source = write(root.resolve("main.c"), "int main;");

        var set = deliveries.next();
        assertEquals(Set.of(source), set.all());
    }

    @Test
    void aNeverEndingStreamOfEventsStillDelivers() throws Exception {
        var busy = write(root.resolve("busy.log.c"), "0");
        watch(root, WatchOptions.defaults().withQuietPeriod(Duration.ofMillis(100)).withMaxWait(Duration.ofMillis(300)));
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var writer = new Thread(() -> {
            // a write every 10 ms, never quiet for 100 ms, for at most 20 s
            var end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            for (var i = 0; !stop.get() && System.nanoTime() < end; i++) {
                try {
                    Files.writeString(busy, Integer.toString(i));
                    Thread.sleep(10);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        writer.start();
        try {
            var set = deliveries.next();
            assertTrue(writer.isAlive(), "the set should arrive while the writes still go on");
            assertEquals(Set.of(busy), set.modified());
        } finally {
            stop.set(true);
            writer.join();
        }
    }

    @Test
    void rootRemovedAndRecreatedIsWatchedAgain() throws Exception {
        var project = root.resolve("project");
        var main = write(project.resolve("main.c"), "int main;");
        var util = write(project.resolve("lib/util.c"), "int util;");
        watch(project, SCENARIO.withRootCheckInterval(Duration.ofMillis(50)));

        FileUtils.deleteDirectory(project.toFile());
        // the files' own delete events may arrive first as a plain set; the rescan completes them
        var lost = deliveries.until(ChangeSet::rescan);
        var deleted = lost.stream().flatMap(set -> set.deleted().stream()).collect(Collectors.toSet());
        assertEquals(Set.of(main, util), deleted, () -> "sets: " + lost);
        assertTrue(lost.stream().allMatch(set -> set.created().isEmpty() && set.modified().isEmpty()));
        assertTrue(deliveries.errorList().stream().anyMatch(e -> e.message().contains("vanished")),
                () -> "errors: " + deliveries.errorList());

        write(project.resolve("main.c"), "int main = 2;");
        var back = deliveries.next();
        assertTrue(back.rescan(), () -> "the first set after the root is back is a rescan: " + back);
        assertEquals(Set.of(main), back.created());

        Files.writeString(main, "int main = 3;");
        var edited = deliveries.next();
        assertEquals(Set.of(main), edited.modified());
        assertFalse(edited.rescan());
    }

    @Test
    void rootMovedAwayIsNoticedAndTheNewRootWatched() throws Exception {
        // a moved folder keeps its inotify watches, and no event tells the watcher: its root check does
        var project = root.resolve("project");
        var main = write(project.resolve("main.c"), "int main;");
        watch(project, SCENARIO.withRootCheckInterval(Duration.ofMillis(50)));

        Files.move(project, root.resolve("project.old"));
        var lost = deliveries.next();
        assertTrue(lost.rescan(), () -> "expected a rescan: " + lost);
        assertEquals(Set.of(main), lost.deleted());
        deliveries.nextError(e -> e.message().contains("vanished"));

        Files.writeString(root.resolve("project.old/main.c"), "int main = 2; // no longer watched");
        write(project.resolve("main.c"), "int main = 3;");
        var back = deliveries.next();
        assertTrue(back.rescan(), () -> "expected a rescan: " + back);
        assertEquals(Set.of(main), back.created());
        assertEquals(Set.of(main), back.all());
    }

    @Test
    void failingConsumerIsReportedAndDeliveryGoesOn() throws Exception {
        var first = root.resolve("first.c");
        var watcher = new SourceWatcher(root, SCENARIO, set -> {
            if (set.all().contains(first)) {
                throw new IllegalStateException("consumer bug");
            }
            deliveries.accept(set);
        }, deliveries.errors());
        watchers.add(watcher);
        watcher.start();

        write(first, "1");
        var error = deliveries.nextError(e -> e.cause() instanceof IllegalStateException);
        assertTrue(error.message().contains("consumer"), error::toString);

        var second = write(root.resolve("second.c"), "2");
        assertEquals(Set.of(second), deliveries.next().created());
    }
}
