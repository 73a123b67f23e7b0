package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.loader.HostEvent;
import hcr.loader.HostEvent.StaticChanged;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B18, second half: a file static read by the old loop ({@code main}, on the stack) and written
 * by new code ({@code step}, reached through its stub after {@code main.c} is reloaded) is one
 * variable: the new code addresses the old storage.
 */
class SharedStaticScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) total (\\d+) step (v\\d) loop (v\\d)$");

    @TempDir
    Path temp;

    private static boolean original(TickLine line) {
        return line.number(2) == line.tick() && line.text(3).equals("v1") && line.text(4).equals("v1");
    }

    /** The new step (+10) ran, and the old loop read what it wrote: total went on by 10. */
    private static boolean newStepOldLoop(TickLine before, TickLine line) {
        return line.number(2) == before.number(2) + 10 && line.text(3).equals("v2") && line.text(4).equals("v1");
    }

    @Test
    void the_old_loop_reads_what_the_new_code_writes() throws Exception {
        try (var project = FixtureProject.copy("b18-shared-static", temp)) {
            var first = project.publish();
            var second = first;
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, SharedStaticScenarioTest::original, 2);

                second = project.apply("edit").publish();
                var reload = program.reload(second);

                assertEquals(Map.of("main", "reloaded"), reload.moduleActions());
                assertEquals(Map.of("total", new StaticChanged("main", "total", "shared", 8, 8)), reload.statics());
                assertEquals(1, reload.count("shared"));
                assertEquals(0, reload.count("carried"));
                program.await(LINE, line -> line.text(3).equals("v2"), 3);
                var change = Switch.find(program.output(), LINE, SharedStaticScenarioTest::original,
                        SharedStaticScenarioTest::newStepOldLoop).assertNewLines(3);
                // the first new line: ticks 1 to k-1 added 1 each, the new step 10
                assertEquals(change.firstNew().tick() + 9, change.firstNew().number(2), change.toString());
                assertTrue(program.output().stream().noneMatch(line -> line.endsWith("loop v2")), change.toString());
                assertTrue(program.isAlive());
            }
            try (var restarted = RunningProgram.start(project.hostOptions("10", "3"), second.number())) {
                assertEquals(new HostEvent.Exited(0), restarted.host().awaitEnding(RunningProgram.WAIT));
                assertEquals(List.of("tick 1 total 10 step v2 loop v2", "tick 2 total 20 step v2 loop v2",
                        "tick 3 total 30 step v2 loop v2"), restarted.output());
            }
        }
    }
}
