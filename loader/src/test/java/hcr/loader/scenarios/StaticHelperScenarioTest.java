package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.loader.HostEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B18, first half: the loop on the stack in {@code main.c} calls static helpers of its own module
 * directly (no stub); after they are edited, the running loop's next calls run the new code,
 * because the old helpers' entries forward to the new ones. The loop itself is old code.
 */
class StaticHelperScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) value (\\d+) format (v\\d) loop (v\\d)$");

    @TempDir
    Path temp;

    private static boolean original(TickLine line) {
        return line.number(2) == line.tick() && line.text(3).equals("v1") && line.text(4).equals("v1");
    }

    /** The new next_value (+100) and format_line (v2), called by the old, still running loop (loop v1). */
    private static boolean newHelpersOldLoop(TickLine before, TickLine line) {
        return line.number(2) == before.number(2) + 100 && line.text(3).equals("v2") && line.text(4).equals("v1");
    }

    @Test
    void the_running_loop_calls_its_new_static_helpers() throws Exception {
        try (var project = FixtureProject.copy("b18-static-helper", temp)) {
            var first = project.publish();
            var second = first;
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, StaticHelperScenarioTest::original, 2);

                second = project.apply("edit").publish();
                var reload = program.reload(second);

                assertEquals(Map.of("main", "reloaded"), reload.moduleActions());
                assertTrue(reload.count("forwarded") >= 2, "next_value and format_line at least: " + reload.loaded());
                program.await(LINE, line -> line.text(3).equals("v2"), 3);
                var change = Switch.find(program.output(), LINE, StaticHelperScenarioTest::original,
                        StaticHelperScenarioTest::newHelpersOldLoop).assertNewLines(3);
                assertTrue(program.output().stream().noneMatch(line -> line.endsWith("loop v2")), change.toString());
                assertTrue(program.isAlive());
            }
            try (var restarted = RunningProgram.start(project.hostOptions("10", "3"), second.number())) {
                assertEquals(new HostEvent.Exited(0), restarted.host().awaitEnding(RunningProgram.WAIT));
                assertEquals(List.of("tick 1 value 100 format v2 loop v2", "tick 2 value 200 format v2 loop v2",
                        "tick 3 value 300 format v2 loop v2"), restarted.output());
            }
        }
    }
}
