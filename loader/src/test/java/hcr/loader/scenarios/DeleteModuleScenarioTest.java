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
 * B6: a module is deleted; a stale call into it stops with a message naming the function and the
 * module, not a segfault. The program runs in a host process of its own, so its abort is seen
 * from here and this JVM goes on.
 */
class DeleteModuleScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) core (\\d+)(?: extra (\\d+))?$");

    @TempDir
    Path temp;

    private static boolean withExtra(TickLine line) {
        return line.number(2) == 10 * line.tick() && line.text(3) != null && line.number(3) == 100 + line.tick();
    }

    @Test
    void the_stale_call_through_a_saved_pointer_traps_naming_function_module_and_generation() throws Exception {
        try (var project = FixtureProject.copy("b06-delete-module", temp)) {
            var first = project.publish();
            // a long interval: the reload, asked for right after a line, is done before the loop's next call
            try (var program = RunningProgram.start(project.hostOptions("200"), first.number())) {
                program.await(LINE, DeleteModuleScenarioTest::withExtra);
                var second = project.apply("delete").publish();
                assertEquals(List.of("extra"), second.removed());
                program.await(LINE, DeleteModuleScenarioTest::withExtra);

                var reload = program.reload(second);

                assertEquals(Map.of("extra", "removed", "main", "reloaded"), reload.moduleActions());
                assertEquals(1, reload.count("removed"));
                var ending = program.host().awaitEnding(RunningProgram.WAIT);
                assertEquals(new HostEvent.Crashed("SIGABRT", "extra_tick", "extra", null), ending);
                var output = program.output();
                var trap = "hcr: function 'extra_tick' was removed with module 'extra' (generation "
                        + second.number() + ")";
                assertEquals(trap, output.get(output.size() - 1), "the last thing the program printed: " + output);
                var ticks = output.subList(0, output.size() - 1);
                // no line for the tick that trapped: every line printed is the old code's, ticks 1, 2, 3...
                for (int i = 0; i < ticks.size(); i++) {
                    var line = LINE.parse(ticks.get(i)).orElseThrow(() -> new AssertionError("output: " + output));
                    assertEquals(i + 1, line.tick(), output.toString());
                    assertTrue(withExtra(line), line + " in " + output);
                }
            }
            // after a restart the program runs without extra
            try (var restarted = RunningProgram.start(project.hostOptions("10", "3"), 2)) {
                assertEquals(new HostEvent.Exited(0), restarted.host().awaitEnding(RunningProgram.WAIT));
                assertEquals(List.of("tick 1 core 10", "tick 2 core 20", "tick 3 core 30"), restarted.output());
            }
        }
    }
}
