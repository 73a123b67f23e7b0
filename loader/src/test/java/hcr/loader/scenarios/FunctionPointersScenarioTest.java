package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B4: function pointers saved before the reload (a callback table, a {@code qsort} comparator,
 * a handler registered with another module) call the new code afterwards.
 */
class FunctionPointersScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) table (\\d+) (\\d+) sorted (\\d{5}) event (\\d+)$");

    @TempDir
    Path temp;

    /** {@code table 2t t² sorted 12345 event 1000+t}, or with the swapped callbacks {@code 3t t² 54321 2000+t}. */
    private static boolean callbacks(TickLine line, long scale, String sorted, long event) {
        long t = line.tick();
        return line.number(2) == scale * t && line.number(3) == t * t && line.text(4).equals(sorted)
                && line.number(5) == event + t;
    }

    @Test
    void the_table_the_comparator_and_the_registered_handler_all_run_new_code() throws Exception {
        try (var project = FixtureProject.copy("b04-function-pointers", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, line -> callbacks(line, 2, "12345", 1000), 2);

                var reload = program.reload(project.apply("swap").publish());

                // only cb.c changed: the pointers main.c and events.c saved at start-up are not reassigned
                assertEquals(Map.of("cb", "reloaded"), reload.moduleActions());
                program.await(LINE, line -> callbacks(line, 3, "54321", 2000), 3);
                Switch.find(program.output(), LINE, line -> callbacks(line, 2, "12345", 1000),
                        (before, line) -> callbacks(line, 3, "54321", 2000))
                        .assertNewLines(3);
            }
        }
    }
}
