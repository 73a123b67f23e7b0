package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** B5: a reload adds a function, a global and a whole module. */
class AddScenarioTest {

    private static final LineFormat LINE = LineFormat.of(
            "^tick (\\d+) calls (\\d+)(?: twice (\\d+) bonus (\\d+) plus (\\d+))?$");

    @TempDir
    Path temp;

    private static boolean before(TickLine line) {
        return line.text(3) == null && line.number(2) == line.tick();
    }

    private static boolean added(TickLine line) {
        return line.text(3) != null;
    }

    @Test
    void the_added_function_global_and_module_are_called_and_the_old_global_goes_on() throws Exception {
        try (var project = FixtureProject.copy("b05-add", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, AddScenarioTest::before, 2);

                var second = project.apply("add").publish();
                assertTrue(second.module("plus").isPresent(), "plus.c is a module: " + second.modules());
                var reload = program.reload(second);

                assertEquals(Map.of("base", "reloaded", "plus", "loaded"), reload.moduleActions());
                assertEquals(1, reload.count("loaded"));
                assertEquals(1, reload.count("reloaded"));
                program.await(LINE, AddScenarioTest::added, 3);
                // calls = t goes on; twice = 2t (base_twice); bonus 5 (base_bonus's initialiser);
                // plus counts the ticks since plus.c was loaded: 1 on the first new line
                var change = Switch.find(program.output(), LINE, AddScenarioTest::before,
                        (previous, line) -> added(line) && line.number(2) == line.tick()
                                && line.number(3) == 2 * line.tick() && line.number(4) == 5
                                && line.number(5) == (added(previous) ? previous.number(5) + 1 : 1))
                        .assertNotMixed().assertNewLines(3);
                assertEquals(1, change.firstNew().number(5), change.toString());
                assertEquals(change.k() + 1, change.firstNew().tick(), change.toString());
            }
        }
    }
}
