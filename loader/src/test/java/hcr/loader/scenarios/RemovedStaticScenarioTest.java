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
 * B21: a static function removed while an old pointer to it is held: the next call through the
 * pointer stops with the trap message naming the function, its module and the generation that
 * removed it, not with the old code.
 */
class RemovedStaticScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) helper (\\d+) tools (v\\d)$");

    @TempDir
    Path temp;

    @Test
    void the_call_through_the_old_pointer_traps_naming_function_module_and_generation() throws Exception {
        try (var project = FixtureProject.copy("b21-removed-static", temp)) {
            var first = project.publish();
            // a long interval: the reload, asked for right after a line, is done before the loop's next call
            try (var program = RunningProgram.start(project.hostOptions("200"), first.number())) {
                program.await(LINE, line -> line.number(2) == 7 * line.tick());
                var second = project.apply("remove").publish();
                program.await(LINE, line -> line.number(2) == 7 * line.tick());

                var reload = program.reload(second);

                assertEquals(Map.of("tools", "reloaded"), reload.moduleActions());
                var ending = program.host().awaitEnding(RunningProgram.WAIT);
                assertEquals(new HostEvent.Crashed("SIGABRT", "helper", "tools", null), ending);
                var output = program.output();
                assertEquals("hcr: function 'helper' was removed from module 'tools' (generation " + second.number()
                        + ")", output.get(output.size() - 1), "the last thing the program printed: " + output);
                // no line for the tick that trapped, and none of the old helper after the reload
                var ticks = LINE.select(output.subList(0, output.size() - 1));
                assertEquals(output.size() - 1, ticks.size(), output.toString());
                for (int i = 0; i < ticks.size(); i++) {
                    assertEquals(i + 1, ticks.get(i).tick(), output.toString());
                    assertTrue(ticks.get(i).number(2) == 7 * ticks.get(i).tick() && ticks.get(i).text(3).equals("v1"),
                            output.toString());
                }
            }
            try (var restarted = RunningProgram.start(project.hostOptions("10", "3"), 2)) {
                assertEquals(new HostEvent.Exited(0), restarted.host().awaitEnding(RunningProgram.WAIT));
                assertEquals(List.of("tick 1 helper 2 tools v2", "tick 2 helper 4 tools v2", "tick 3 helper 6 tools v2"),
                        restarted.output());
            }
        }
    }
}
