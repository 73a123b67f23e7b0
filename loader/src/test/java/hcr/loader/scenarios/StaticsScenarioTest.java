package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hcr.loader.HostEvent.StaticChanged;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B3: file-static and function-static variables keep their values; one whose size changed is
 * reset and reported by name. The ones kept are shared: the new code addresses their old
 * storage (the fixture's module is linked in process, which lists where it addresses them).
 */
class StaticsScenarioTest {

    private static final LineFormat LINE = LineFormat.of(
            "^tick (\\d+) total (\\d+) calls (\\d+) hist\\[(\\d+)\\] sum (\\d+) (base|body|resize)$");

    @TempDir
    Path temp;

    /** Before any edit: {@code total t(t+1)/2 calls t hist[4] sum t base}. */
    private static boolean base(TickLine line) {
        return carried(line) && line.number(4) == 4 && line.number(5) == line.tick() && tag(line).equals("base");
    }

    /** {@code total} and {@code calls} go on as if there had been no reload. */
    private static boolean carried(TickLine line) {
        long t = line.tick();
        return line.number(2) == t * (t + 1) / 2 && line.number(3) == t;
    }

    private static String tag(TickLine line) {
        return line.text(6);
    }

    @Test
    void a_new_body_shares_all_three_statics() throws Exception {
        try (var project = FixtureProject.copy("b03-statics", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, StaticsScenarioTest::base, 2);

                var reload = program.reload(project.apply("body").publish());

                assertEquals(Map.of("count", "reloaded"), reload.moduleActions());
                assertEquals(Map.of(
                        "calls.0", new StaticChanged("count", "calls.0", "shared", 8, 8),
                        "hist", new StaticChanged("count", "hist", "shared", 16, 16),
                        "total", new StaticChanged("count", "total", "shared", 8, 8)), reload.statics());
                assertEquals(3, reload.count("shared"));
                assertEquals(0, reload.count("carried"));
                assertEquals(0, reload.count("reset"));
                program.await(LINE, line -> tag(line).equals("body"), 3);
                Switch.find(program.output(), LINE, StaticsScenarioTest::base,
                        (before, line) -> carried(line) && line.number(4) == 4 && line.number(5) == line.tick()
                                && tag(line).equals("body"))
                        .assertNewLines(3);
            }
        }
    }

    @Test
    void a_resized_static_is_reset_and_reported_by_name_and_the_others_are_shared() throws Exception {
        try (var project = FixtureProject.copy("b03-statics", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, StaticsScenarioTest::base, 2);

                var reload = program.reload(project.apply("resize").publish());

                assertEquals(Map.of("count", "reloaded"), reload.moduleActions());
                assertEquals(Map.of(
                        "calls.0", new StaticChanged("count", "calls.0", "shared", 8, 8),
                        "hist", new StaticChanged("count", "hist", "reset", 16, 64),
                        "total", new StaticChanged("count", "total", "shared", 8, 8)), reload.statics());
                assertEquals(2, reload.count("shared"));
                assertEquals(0, reload.count("carried"));
                assertEquals(1, reload.count("reset"));
                program.await(LINE, line -> tag(line).equals("resize"), 3);
                // hist counts the ticks since it was created: sum 1 on the first new line, then on
                var change = Switch.find(program.output(), LINE, StaticsScenarioTest::base,
                        (before, line) -> carried(line) && line.number(4) == 16 && tag(line).equals("resize")
                                && line.number(5) == (tag(before).equals("resize") ? before.number(5) + 1 : 1))
                        .assertNewLines(3);
                assertEquals(1, change.firstNew().number(5), change.toString());
            }
        }
    }
}
