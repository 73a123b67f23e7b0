package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** B7: two modules use each other's globals and functions (a cycle); they load and reload. */
class CycleScenarioTest {

    private static final LineFormat LINE = LineFormat.of(
            "^tick (\\d+) a_count (\\d+) b_count (\\d+) a_step (\\d+) b_step (\\d+)$");

    @TempDir
    Path temp;

    /** a_step = a_count + b_count and b_step = a_step + a_inc, on every line. */
    private static boolean consistent(TickLine line, long aInc) {
        return line.number(4) == line.number(2) + line.number(3) && line.number(5) == line.number(4) + aInc;
    }

    /** Before: {@code a_count t b_count 10t a_step 11t b_step 11t+1}. */
    private static boolean first(TickLine line) {
        long t = line.tick();
        return line.number(2) == t && line.number(3) == 10 * t && consistent(line, 1);
    }

    /** After: each tick adds 2 and 20 to what the line before showed. */
    private static boolean both(TickLine before, TickLine line) {
        return line.number(2) == before.number(2) + 2 && line.number(3) == before.number(3) + 20
                && consistent(line, 2);
    }

    @Test
    void the_cycle_loads_and_both_modules_reload_in_one_generation() throws Exception {
        try (var project = FixtureProject.copy("b07-cycle", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, CycleScenarioTest::first, 2);

                var reload = program.reload(project.apply("both").publish());

                assertEquals(Map.of("a", "reloaded", "b", "reloaded"), reload.moduleActions());
                assertEquals(2, reload.count("reloaded"));
                program.await(LINE, line -> consistent(line, 2), 3);
                var change = Switch.find(program.output(), LINE, CycleScenarioTest::first, CycleScenarioTest::both)
                        .assertNewLines(3);
                // the counts went on from k and 10k (a line mixed across the switch has one step of each)
                if (change.mixed().isEmpty()) {
                    long k = change.k();
                    for (var line : change.fresh()) {
                        long t = line.tick();
                        assertEquals(k + 2 * (t - k), line.number(2), change.toString());
                        assertEquals(10 * k + 20 * (t - k), line.number(3), change.toString());
                    }
                }
            }
        }
    }
}
