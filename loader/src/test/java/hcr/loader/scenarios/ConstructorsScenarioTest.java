package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import hcr.loader.HostEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Constructors and destructors ({@code __attribute__((constructor))}, as jq's
 * {@code jv_mem_uninit_setup}): a module's run when the runtime loads it, leaves first, once every
 * stub is bound ({@code setup.c}'s constructor calls {@code tls.c}'s {@code tls_base()} and its
 * own {@code setup_offset()} through their stubs: {@code dlopen} would have run it before any slot
 * was bound), whether the module was linked in process ({@code setup.c}) or by the driver
 * ({@code tls.c}, which holds a thread-local); a reloaded module's new version runs its
 * constructor once more; at exit the
 * newest version's destructor runs, once (the runtime empties a superseded version's
 * {@code .fini_array}: its entries forward to the newest code, which would otherwise run once
 * per version loaded).
 */
class ConstructorsScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) setup (\\d+) runs (\\d+) tls (\\d+) runs (\\d+)$");

    @TempDir
    Path temp;

    @Test
    void constructors_run_their_own_versions_code_at_start_and_on_reload_and_destructors_at_exit() throws Exception {
        try (var project = FixtureProject.copy("constructors", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("20", "150"), first.number())) {
                program.await(LINE, line -> line.number(2) == 10 && line.number(3) == 1 && line.number(4) == 27
                        && line.number(5) == 1, 2);
                var start = program.output().subList(0, program.output().indexOf("main"));
                assertEquals(List.of("constructor tls v1", "constructor setup v1"), start,
                        "each module's constructor ran once before main, leaves first: " + program.output());

                var reload = program.reload(project.apply("edit").publish());

                assertEquals(Map.of("setup", "reloaded"), reload.moduleActions());
                program.await(LINE, line -> line.number(2) == 11 && line.number(3) == 2 && line.number(5) == 1);
                assertEquals(1, program.output().stream().filter("constructor setup v2"::equals).count(),
                        "the new version's constructor ran once, on the reload");
                var ending = program.host().awaitEnding(RunningProgram.WAIT);
                var exited = assertInstanceOf(HostEvent.Exited.class, ending, program.output().toString());
                assertEquals(0, exited.status());
                var output = program.host().outputLines();
                assertEquals(List.of("destructor setup v2"), output.stream().filter(l -> l.startsWith("destructor")).toList(),
                        "the newest destructor, once: " + output.subList(Math.max(0, output.size() - 4), output.size()));
            }
        }
    }
}
