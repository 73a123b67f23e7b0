package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** B1: a function body changes; the next call runs new code and the loop counter continues. */
class FunctionBodyScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) value (\\d+) delta (\\d+)$");

    @TempDir
    Path temp;

    @Test
    void the_next_call_runs_the_new_body_and_the_loop_goes_on() throws Exception {
        try (var project = FixtureProject.copy("b01-function-body", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, line -> line.number(3) == 1, 2);

                var second = project.apply("body").publish();
                var reload = program.reload(second);

                assertEquals(Map.of("work", "reloaded"), reload.moduleActions());
                assertEquals(first.number(), reload.loaded().previous());
                program.await(LINE, line -> line.number(3) == 100, 3);
                var change = Switch.find(program.output(), LINE,
                        line -> line.number(3) == 1 && line.number(2) == line.tick(),
                        (before, line) -> line.number(3) == 100 && line.number(2) == before.number(2) + 100)
                        .assertNotMixed().assertNewLines(3);
                long k = change.k();
                var later = change.fresh().get(2);
                assertEquals(k + 100 * (later.tick() - k), later.number(2), "value = k + 100(t-k): " + change);
                assertTrue(program.isAlive());
            }
        }
    }
}
