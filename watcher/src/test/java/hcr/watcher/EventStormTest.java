package hcr.watcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A storm of events (a checkout, a generator) must come out complete, whether the watcher follows
 * it event by event or loses events to an overflow and rescans.
 */
class EventStormTest {

    static final int FILES = 2000;

    @TempDir
    Path root;

    @Test
    void everyFileOfAStormIsReportedCreatedOnce() throws Exception {
        var deliveries = new Deliveries();
        try (var watcher = new SourceWatcher(root, SourceWatcherTest.SCENARIO, deliveries, deliveries.errors())) {
            watcher.start();

            var expected = new HashSet<Path>();
            for (var i = 0; i < FILES; i++) {
                expected.add(Files.writeString(root.resolve("gen_" + i + ".c"), "int gen_" + i + ";\n"));
            }

            var created = new HashSet<Path>();
            var sets = 0;
            var rescans = 0;
            while (!created.containsAll(expected)) {
                var set = deliveries.next();
                sets++;
                rescans += set.rescan() ? 1 : 0;
                for (var file : set.created()) {
                    assertTrue(created.add(file), () -> "created twice: " + file);
                }
                assertEquals(Set.of(), set.deleted());
            }
            assertEquals(expected, created);
            System.out.printf("event storm: %d files in %d change set(s), %d of them rescans (overflow)%n",
                    FILES, sets, rescans);
        }
    }

    @Test
    void stormWhileTheEventThreadIsBusyRegisteringOverflowsAndRescans(@TempDir Path elsewhere) throws Exception {
        // moving in a tree of many folders keeps directory-watcher's event thread busy registering
        // them, while a storm of files piles up events on the root's key past the JDK's limit
        for (var i = 0; i < 1500; i++) {
            Files.createDirectories(elsewhere.resolve("deep/d" + (i / 100) + "/e" + i));
        }
        var deliveries = new Deliveries();
        try (var watcher = new SourceWatcher(root, SourceWatcherTest.SCENARIO, deliveries, deliveries.errors())) {
            watcher.start();
            Files.move(elsewhere.resolve("deep"), root.resolve("deep"));
            var expected = new HashSet<Path>();
            for (var i = 0; i < 2000; i++) {
                expected.add(Files.writeString(root.resolve("gen_" + i + ".c"), "int gen_" + i + ";\n"));
            }
            var created = new HashSet<Path>();
            var sets = 0;
            var rescans = 0;
            while (!created.containsAll(expected)) {
                var set = deliveries.next();
                sets++;
                rescans += set.rescan() ? 1 : 0;
                created.addAll(set.created());
                assertEquals(Set.of(), set.deleted());
            }
            assertEquals(expected, created);
            System.out.printf("storm during registration: %d change set(s), %d of them rescans (overflow)%n",
                    sets, rescans);
            // the storm is complete either way; whether it overflowed depends on the machine's pace
            assumeTrue(rescans > 0, "no overflow happened this time: the rescan path was not exercised");
        }
    }
}
