package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.BuildReport;
import hcr.compiler.Diagnostic;
import hcr.loader.HostEvent;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The showcase program: a faster simulation keeps its value and total (B1, B2, B3, B4 together),
 * and a compile error leaves the last good code running until it is fixed (B9).
 */
class DemoScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) value (\\d+) step \\+(\\d+) total (\\d+)$");

    @TempDir
    Path temp;

    /** From a fresh start: {@code value = t}, {@code step +1}, {@code total = t(t+1)/2}. */
    private static boolean stepOne(TickLine line) {
        long t = line.tick();
        return line.number(2) == t && line.number(3) == 1 && line.number(4) == t * (t + 1) / 2;
    }

    /** After {@code faster}: value grows by 10 a tick from where it was, and total adds it up. */
    private static boolean stepTen(TickLine before, TickLine line) {
        return line.number(3) == 10 && line.number(2) == before.number(2) + 10
                && line.number(4) == before.number(4) + line.number(2);
    }

    @Test
    void a_faster_step_keeps_value_and_total() throws Exception {
        try (var project = FixtureProject.copy("demo", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, DemoScenarioTest::stepOne, 2);

                var reload = program.reload(project.apply("faster").publish());

                assertEquals(Map.of("sim", "reloaded"), reload.moduleActions());
                assertFasterAfter(program);
            }
        }
    }

    @Test
    void a_compile_error_is_reported_at_its_place_and_the_old_code_runs_until_the_fix() throws Exception {
        try (var project = FixtureProject.copy("demo", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, DemoScenarioTest::stepOne);

                var failed = assertInstanceOf(BuildReport.Failed.class, project.apply("broken").build());

                var error = failed.diagnostics().stream().filter(Diagnostic::isError).toList();
                assertEquals(1, error.size(), failed.summary());
                assertEquals(project.dir().resolve("sim.c"), error.get(0).file());
                assertEquals(9, error.get(0).line(), failed.summary());
                assertEquals(18, error.get(0).column(), failed.summary());
                assertTrue(error.get(0).message().matches("['‘]STPE['’] undeclared here \\(not in a function\\).*"),
                        error.get(0).message());
                assertTrue(failed.summary().contains("sim.c:9:18: error: "), failed.summary());
                // nothing was published: asking for a reload changes nothing, the old code keeps running
                assertEquals(new HostEvent.ReloadResult(0, "", false),
                        program.host().requestReload().get(RunningProgram.WAIT.toSeconds(), TimeUnit.SECONDS));
                program.await(LINE, DemoScenarioTest::stepOne, 3);

                assertEquals(new BuildReport.UpToDate(first.number()), project.restore("sim.c").build(),
                        "the fixed source is the one generation " + first.number() + " was built from");
                var reload = program.reload(project.apply("faster").publish());

                assertEquals(Map.of("sim", "reloaded"), reload.moduleActions());
                assertEquals(first.number() + 1, reload.generation().number(), "the failed build used no number");
                assertFasterAfter(program);
            }
        }
    }

    private static void assertFasterAfter(RunningProgram program) {
        program.await(LINE, line -> line.number(3) == 10, 3);
        var change = Switch.find(program.output(), LINE, DemoScenarioTest::stepOne, DemoScenarioTest::stepTen)
                .assertNotMixed().assertNewLines(3);
        long k = change.k();
        for (var line : change.fresh()) {
            assertEquals(k + 10 * (line.tick() - k), line.number(2), "value = k + 10(t-k): " + change);
        }
    }
}
