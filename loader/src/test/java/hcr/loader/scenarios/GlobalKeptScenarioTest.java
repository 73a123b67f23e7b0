package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** B2: a global keeps its value across reloads; changing its initialiser changes nothing. */
class GlobalKeptScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) counter (\\d+) tag (v\\d)$");

    @TempDir
    Path temp;

    @Test
    void the_global_keeps_counting_although_its_initialiser_changed() throws Exception {
        try (var project = FixtureProject.copy("b02-global-kept", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, line -> line.text(3).equals("v1"), 2);

                var second = project.apply("init").publish();
                var reload = program.reload(second);

                assertEquals(Map.of("state", "reloaded"), reload.moduleActions());
                program.await(LINE, line -> line.text(3).equals("v2"), 3);
                Switch.find(program.output(), LINE,
                        line -> line.text(3).equals("v1") && line.number(2) == 100 + line.tick(),
                        (before, line) -> line.text(3).equals("v2") && line.number(2) == 100 + line.tick())
                        .assertNewLines(3);
            }
            // the control: the new initialiser does take effect in a fresh start, so the test above
            // would have seen it had the reload re-initialised the global
            try (var restarted = RunningProgram.start(project.hostOptions("10", "2"), 2)) {
                assertEquals("tick 1 counter 5001 tag v2", restarted.await(LINE).text());
            }
        }
    }
}
