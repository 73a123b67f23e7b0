package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hcr.compiler.link.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiler's saved state keeps what a kept module's library needs in later manifests: its statics' sites too. */
class BuildStateFileTest {
    @TempDir
    Path dir;

    @Test
    void aModuleKeepsItsStaticsWithTheirSitesAcrossASaveAndALoad() throws IOException {
        var statics = List.of(
                new Manifest.Static("count", "total", 0x4010, 8, new Manifest.Sites(List.of(0x1123L, 0x1190L),
                        List.of(0x3de0L))),
                new Manifest.Static("count", "calls.0", 0x4018, 8, Manifest.Sites.NONE),
                new Manifest.Static("count", "seen", 0x4020, 4));
        var module = new ModuleRecord("count", "key", "count.o", "hash", List.of(Path.of("/p/count.h")),
                "libcount.g3.so", "renames", statics, List.of(new Manifest.Hook("count", "init", "setup", 0x3de8, 8)));
        var state = new BuildState(3, "libs", List.of("libhcrstubs.1.so"), Map.of("count", module));
        var file = new BuildStateFile(dir.resolve("build-state"));

        file.save(state);

        assertEquals(state, file.load());
        assertEquals(statics, file.load().modules().get("count").statics());
    }

    @Test
    void aModuleKeepsItsEntriesForTheManifestsThatKeepItsLibrary() throws IOException {
        var entries = List.of(new Manifest.Entry("ops", "add", 0x1107), new Manifest.Entry("ops", "hcr.pick", 0x1127),
                new Manifest.Entry("ops", "cmp.part.0", 0x1147));
        var module = new ModuleRecord("ops", "key", "ops.o", "hash", List.of(), "libops.g2.so", "renames", List.of(),
                List.of(), entries);
        var state = new BuildState(2, "libs", List.of("libhcrstubs.1.so"), Map.of("ops", module));
        var file = new BuildStateFile(dir.resolve("build-state"));

        file.save(state);

        assertEquals(state, file.load());
        assertEquals(entries, file.load().modules().get("ops").libraryRecords().entries());
    }
}
