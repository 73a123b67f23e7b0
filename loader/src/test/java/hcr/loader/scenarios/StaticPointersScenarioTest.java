package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.loader.HostEvent;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B17: static functions whose pointers were saved before the reload run the new code afterwards:
 * a table copied on first use, a {@code qsort} comparator kept by main.c, a {@code SIGUSR1} handler
 * and an {@code atexit} handler registered at start-up. None goes through a stub: the old
 * version's entries forward to the new version's functions.
 */
class StaticPointersScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) add (\\d+) mul (\\d+) sorted (\\d{5}) signal (\\d+)$");

    @TempDir
    Path temp;

    /** {@code add t+1 mul 2t sorted 12345 signal 1000+t}, or after the swap {@code t+100 3t 54321 2000+t}. */
    private static boolean version(TickLine line, int v) {
        long t = line.tick();
        return v == 1 ? line.number(2) == t + 1 && line.number(3) == 2 * t && line.text(4).equals("12345")
                && line.number(5) == 1000 + t
                : line.number(2) == t + 100 && line.number(3) == 3 * t && line.text(4).equals("54321")
                && line.number(5) == 2000 + t;
    }

    @Test
    void the_table_the_comparator_and_both_handlers_run_new_code() throws Exception {
        try (var project = FixtureProject.copy("b17-static-pointers", temp)) {
            var first = project.publish();
            // 20 ms a tick, 600 ticks: long enough for a build and a reload on a busy machine
            try (var program = RunningProgram.start(project.hostOptions("20", "600", "exit"), first.number())) {
                program.await(LINE, line -> version(line, 1), 2);

                var reload = program.reload(project.apply("swap").publish());

                // only ops.c changed, and main.c asks it for none of these pointers again
                assertEquals(Map.of("ops", "reloaded"), reload.moduleActions());
                // every function of ops.c had a counterpart: add, mul, by_value, on_signal, at_exit and
                // the three globals
                assertEquals(8, reload.count("forwarded"));
                program.await(LINE, line -> version(line, 2), 3);
                Switch.find(program.output(), LINE, line -> version(line, 1), (before, line) -> version(line, 2))
                        .assertNewLines(3);

                assertEquals(new HostEvent.Exited(0), program.host().awaitEnding(RunningProgram.WAIT));
                var output = program.output();
                assertEquals("exit v2", output.get(output.size() - 1), "the atexit handler saved by version 1");
                assertTrue(LINE.parse(output.get(output.size() - 2)).map(line -> version(line, 2)).orElse(false),
                        output.get(output.size() - 2));
            }
        }
    }
}
