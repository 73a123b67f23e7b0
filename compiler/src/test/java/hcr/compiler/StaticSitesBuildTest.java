package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.link.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, statics keep one identity: the manifest lists where each module's library addresses
 * its statics ({@code staticref}) when the in-process link made it, and nothing when the driver
 * did (a module calling {@code atexit} links with {@code cc -shared}): those are carried. A kept
 * module keeps its sites, also after the builder reads its saved state again.
 */
class StaticSitesBuildTest {
    private static final String COUNT = """
            static long total;
            static int hist[4];
            static long *where = &total;
            long count(int tick) {
                static long calls;
                calls++;
                total += tick;
                hist[tick % 4]++;
                return total + calls + *where;
            }
            """;
    private static final String BYE = """
            #include <stdio.h>
            #include <stdlib.h>
            static int seen;
            static void bye(void) { printf("seen %d\\n", seen); }
            void see(void) { if (!seen++) atexit(bye); }
            """;
    private static final String MAIN = """
            long count(int tick);
            void see(void);
            int main(void) { see(); return (int) count(1); }
            """;

    @TempDir
    Path dir;

    private static Manifest published(BuildReport report) throws IOException {
        if (report instanceof BuildReport.Failed failed) {
            throw new AssertionError("build failed:\n" + failed.summary() + "\n" + failed.output());
        }
        return Manifest.read(assertInstanceOf(BuildReport.Published.class, report).generation().manifest());
    }

    private static Map<String, Manifest.Static> statics(Manifest manifest, String module) {
        return manifest.statics().stream().filter(s -> s.moduleId().equals(module))
                .collect(Collectors.toMap(Manifest.Static::name, s -> s));
    }

    @Test
    void inProcessLinksListTheSitesOfEveryStaticAndDriverLinksNone() throws IOException {
        var project = new ProjectFiles(dir).write("count.c", COUNT).write("bye.c", BYE).write("main.c", MAIN);
        Manifest first;
        try (var builder = new Builder(project.config(), BuildListener.silent())) {
            first = published(builder.build());
        }
        var count = statics(first, "count");
        assertEquals(List.of("calls.0", "hist", "total", "where"), count.keySet().stream().sorted().toList());
        if (!ModuleLinker.DRIVER_ONLY) {
            count.values().forEach(s -> assertTrue(s.sites() != null && s.sites().count() > 0, s.toString()));
            assertEquals(1, count.get("total").sites().abs64().size(), "where = &total: " + count.get("total"));
        }
        assertNull(statics(first, "bye").get("seen").sites(), "bye.c calls atexit: linked by cc -shared");

        project.write("bye.c", BYE.replace("seen %d", "seen: %d"));
        Manifest second;
        try (var builder = new Builder(project.config(), BuildListener.silent())) { // reads the saved state
            second = published(builder.build());
        }
        assertEquals("kept", second.modules().stream().filter(m -> m.id().equals("count")).findFirst().orElseThrow()
                .state());
        assertEquals(count, statics(second, "count"));
        assertNotNull(statics(second, "bye").get("seen"));
        assertNull(statics(second, "bye").get("seen").sites());
    }
}
