package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hcr dev} on the reload-point fixture, which includes hcr.h and calls
 * {@code hcr_reload_point()} at the top of each tick: the reload applies there. The build goes
 * to {@code --build-dir}.
 */
@Timeout(300)
class ReloadPointIT {

    private static final Pattern LINE = Pattern.compile("^tick (\\d+) open (v\\d) close (v\\d) count (\\d+)$");

    @TempDir
    Path temp;

    /**
     * Each tick sleeps between phase_open() and phase_close(), so a reload applied by the host
     * between the program's calls would land there in nearly every run and print {@code open v1
     * close v2}. Applied at the reload point, every line is of one version, and the switch
     * comes on a fresh tick with the count carried.
     */
    @Test
    void reloadAppliesAtTheReloadPoint() {
        var project = Project.copy("reload-point", temp);
        var buildDir = temp.resolve("elsewhere");
        try (var hcr = Hcr.start(temp, "dev", project.dir().toString(), "--build-dir", buildDir.toString(),
                "--port", "0", "--", "200")) {
            hcr.awaitOut("^tick 2 open v1 close v1 count 2$");

            project.apply("next");
            hcr.awaitErr("^hcr: reloaded phase \\(gen 2\\) in \\d+(\\.\\d)? ms" + Hcr.FORWARDED + "$");
            var firstNew = hcr.awaitOut("^tick \\d+ open v2 ");
            hcr.awaitOutLines(firstNew.index() + 3);

            var lines = hcr.out().lines();
            String version = "v1";
            for (int i = 0; i < lines.size(); i++) {
                var m = LINE.matcher(lines.get(i));
                assertTrue(m.matches(), "not a reload-point line: " + lines.get(i) + "\n" + hcr.transcript());
                assertEquals(i + 1, Long.parseLong(m.group(1)), "tick numbers continue");
                assertEquals(i + 1, Long.parseLong(m.group(4)), "phase_count is carried");
                assertEquals(m.group(2), m.group(3), () -> "a reload applied mid-tick: " + m.group() + "\n"
                        + hcr.transcript());
                if (!m.group(2).equals(version)) {
                    assertEquals("v1", version, "one switch, from v1 to v2");
                    version = m.group(2);
                }
            }
            assertEquals("v2", version, hcr::transcript);
            assertEquals(1, hcr.err().matching("^hcr: started ").size(), hcr::transcript);
            assertTrue(Files.isDirectory(buildDir.resolve("gen")), "--build-dir holds the generations");
            assertFalse(Files.exists(project.file(".hcr")), "nothing built in the project with --build-dir");
        }
    }
}
