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
 * B11: the module whose loop is on the stack ({@code main.c}) is edited: the loop keeps running,
 * the calls it makes go to new code, and the next start runs the new loop.
 */
class MainLoopScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) value (\\d+) format (v\\d) loop (v\\d)$");

    @TempDir
    Path temp;

    private static boolean original(TickLine line) {
        return line.number(2) == line.tick() && line.text(3).equals("v1") && line.text(4).equals("v1");
    }

    /** New next_value (+100) and format_line (v2), called by the old, still running loop (loop v1). */
    private static boolean newCallsOldLoop(TickLine before, TickLine line) {
        return line.number(2) == before.number(2) + 100 && line.text(3).equals("v2") && line.text(4).equals("v1");
    }

    @Test
    void the_running_loop_goes_on_calling_new_code_and_a_restart_runs_the_new_loop() throws Exception {
        try (var project = FixtureProject.copy("b11-main-loop", temp)) {
            var first = project.publish();
            var second = first;
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, MainLoopScenarioTest::original, 2);

                second = project.apply("edit").publish();
                var reload = program.reload(second);

                assertEquals(Map.of("main", "reloaded"), reload.moduleActions());
                program.await(LINE, line -> line.text(3).equals("v2"), 3);
                // value is a local of the running loop: it goes on from k, by 100 a tick
                var change = Switch.find(program.output(), LINE, MainLoopScenarioTest::original,
                        MainLoopScenarioTest::newCallsOldLoop).assertNewLines(3);
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
