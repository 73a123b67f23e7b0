package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** B10: a header changes; every module that includes it is rebuilt and all switch in one generation. */
class HeaderScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) area (\\d+) perim (\\d+) rev (\\d) (\\d)$");

    @TempDir
    Path temp;

    /** {@code area 2t perim 2t+4 rev 1 1} at scale 1 and revision 1, {@code 200t 20t+40 rev 2 2} at 10 and 2. */
    private static boolean shape(TickLine line, long scale, int rev) {
        long t = line.tick();
        return line.number(2) == 2 * scale * scale * t && line.number(3) == 2 * scale * t + 4 * scale
                && line.number(4) == rev && line.number(5) == rev;
    }

    @Test
    void both_modules_including_the_header_switch_in_the_same_generation() throws Exception {
        try (var project = FixtureProject.copy("b10-header", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, line -> shape(line, 1, 1), 2);

                var second = project.apply("scale").publish();
                var reload = program.reload(second);

                // main.c does not include shape.h: it is not rebuilt
                assertEquals(Map.of("area", "reloaded", "perim", "reloaded"), reload.moduleActions());
                assertEquals(2, reload.result().code());
                program.await(LINE, line -> shape(line, 10, 2), 3);
                // after the first "rev 2 2" no 1 appears; only the line across the switch may mix
                Switch.find(program.output(), LINE, line -> shape(line, 1, 1), (before, line) -> shape(line, 10, 2))
                        .assertNewLines(3);
            }
        }
    }
}
