package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B16: the program defines functions and globals named like C library symbols already in the host
 * process ({@code error}, {@code log}, {@code index}, {@code send}, {@code optind},
 * {@code timezone}); every use reaches the program's own, before and after a reload.
 */
class LibcNamesScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) error\\(3\\)=(\\d+) log\\(2\\)=(\\d+) "
            + "index\\(1\\)=(.) send\\(4,2\\)=(\\d+) optind=(\\d+) timezone=(\\d+)$");

    @TempDir
    Path temp;

    /** The program's own functions give these; glibc's would not (and its error() would exit). */
    private static boolean calls(TickLine line, long error, long log, long send) {
        return line.number(2) == error && line.number(3) == log && line.text(4).equals("b") && line.number(5) == send;
    }

    /** The program's own optind (40 + the sends so far) and timezone (7200), not glibc's. */
    private static boolean globals(TickLine line) {
        return line.number(6) == 40 + line.tick() && line.number(7) == 7200;
    }

    @Test
    void every_call_and_global_reaches_the_programs_own_definition_before_and_after_a_reload() throws Exception {
        try (var project = FixtureProject.copy("b16-libc-names", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, line -> calls(line, 1030, 20, 412) && globals(line), 2);

                var reload = program.reload(project.apply("edit").publish());

                assertEquals(Map.of("names", "reloaded"), reload.moduleActions());
                program.await(LINE, line -> calls(line, 2300, 200, 502), 3);
                Switch.find(program.output(), LINE, line -> calls(line, 1030, 20, 412) && globals(line),
                        (before, line) -> calls(line, 2300, 200, 502) && globals(line))
                        .assertNewLines(3);
            }
        }
    }
}
