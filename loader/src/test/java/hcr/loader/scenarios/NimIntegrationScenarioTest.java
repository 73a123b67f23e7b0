package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.BuildReport;
import hcr.compiler.Generation;
import hcr.loader.HostEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A: Nim's HCR integration test (tests/dll/nimhcr_integration.nim), ported to C as the fixture
 * a-nim-integration. The program prints {@code The answer is: N} every tick, N asked from m0 once
 * at start-up and once after each reload, and its handlers print their lines inside its reload
 * point, so what a step prints is exactly the lines between the last old answer and the first
 * new one. Each step is the edit variant {@code stepN}, applied on top of the previous steps.
 */
class NimIntegrationScenarioTest {

    private static final String FIXTURE = "a-nim-integration";

    @TempDir
    Path temp;

    private static String answer(int n) {
        return "The answer is: " + n;
    }

    @Test
    void seven_steps_print_what_nims_integration_test_prints() throws Exception {
        try (var project = FixtureProject.copy(FIXTURE, temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("20"), first.number())) {
                // step 0: on the first load only HCR_INITs run (there are none)
                assertEquals(answer(1000), program.nextLine());

                // step 1: new initialiser (42) and handlers in m0; the old m0 had no before-handler
                var step1 = step(project, program, "step1", 1000, List.of(
                        "main: before",
                        "0: after",
                        "main: after",
                        answer(1000)));
                assertEquals(Map.of("m0", "reloaded"), step1.moduleActions());

                // step 2: a save with no change: nothing to build, nothing loaded, no handler runs
                var unchanged = project.apply("step2").build();
                assertEquals(new BuildReport.UpToDate(step1.generation().number()), unchanged);
                for (int i = 0; i < 5; i++) {
                    assertEquals(answer(1000), program.nextLine(), "after a save with no change");
                }
                assertEquals(List.of(step1.loaded()), loadedSince(program, step1.generation().number()));
                // (step 3 below starts with its own handlers' lines: nothing ran in between)

                // step 3: m1 is new; m0's new HCR_INIT does not run (m0 is not new), m1's runs once,
                // before every after-handler; m1's after-handler before m0's (m0 uses m1)
                var step3 = step(project, program, "step3", 1000, List.of(
                        "0: before",
                        "main: before",
                        "1: print me once!",
                        "1: after - 1 bar",
                        "0: after - improved!",
                        "main: after",
                        answer(110)));
                assertEquals(Map.of("m0", "reloaded", "m1", "loaded"), step3.moduleActions());

                // step 4: m2 is new; its init calls through the stored function pointer; m1 is
                // unchanged (copied again byte for byte) and keeps its library, but its
                // after-handler runs, as every live module's does
                var step4 = step(project, program, "step4", 110, List.of(
                        "0: before - improved!",
                        "main: before",
                        "2: random string",
                        "max mutual recursion reached!",
                        "1: after - 1 bar",
                        "0: after - counter: 0",
                        "0: after - counter: 1",
                        "0: after - c_2 = [1, 2, 3]",
                        "main: after",
                        answer(9)));
                assertEquals(Map.of("m0", "reloaded", "m2", "loaded"), step4.moduleActions());

                // step 5: g_0 comes back as a new global (1000, not the 100 the old one held);
                // the function-static counter goes on; rec_2_func_ref, kept from step 4, still works
                var step5 = step(project, program, "step5", 9, List.of(
                        "2: before!",
                        "main: before",
                        "2: after!",
                        "max mutual recursion reached!",
                        "0: after - counter after reload! does it remember? :2",
                        "0: after - counter after reload! does it remember? :3",
                        "main: after",
                        answer(1000)));
                assertEquals(Map.of("m0", "reloaded", "m1", "reloaded", "m2", "reloaded"), step5.moduleActions());
                assertEquals(Map.of("counter.0", new HostEvent.StaticChanged("m0", "counter.0", "shared", 4, 4)),
                        step5.statics());

                // step 6: m1.c and m2.c deleted; their handlers never run again
                var step6 = step(project, program, "step6", 1000, List.of(
                        "main: before",
                        "main: after",
                        answer(42)));
                assertEquals(List.of("m1", "m2"), step6.generation().removed());
                assertEquals(Map.of("m0", "reloaded", "m1", "removed", "m2", "removed"), step6.moduleActions());
                assertEquals(2, step6.count("removed"));

                // step 7: every file as it was at the start; g_0 comes back once more
                var step7 = step(project, program, "step7", 42, List.of(
                        "main: before",
                        "main: after",
                        answer(1000)));
                assertEquals(Map.of("m0", "reloaded"), step7.moduleActions());
                assertEquals(sources(FixtureProject.fixtures().resolve(FIXTURE)), sources(project.dir()),
                        "the project ends as it started");

                assertEquals(answer(1000), program.nextLine());
                assertTrue(program.isAlive());
                var errors = program.host().events().stream().filter(HostEvent.RuntimeError.class::isInstance).toList();
                assertEquals(List.of(), errors);
            }
        }
    }

    /**
     * Applies {@code variant}, builds, has the program load the generation at its reload point,
     * and asserts that, after the answer lines of the previous step, it printed exactly
     * {@code printed}: the handlers' lines and the new answer.
     */
    private static Reload step(FixtureProject project, RunningProgram program, String variant, int previous,
            List<String> printed) throws Exception {
        Generation generation = project.apply(variant).publish();
        var reload = program.reloadAtReloadPoint(generation);
        var lines = new ArrayList<String>();
        lines.add(program.nextLineOtherThan(answer(previous)));
        while (!lines.get(lines.size() - 1).startsWith("The answer is: ") && lines.size() < printed.size()) {
            lines.add(program.nextLine());
        }
        assertEquals(printed, lines, variant + ": what the reload printed; all output:\n" + compact(program.output()));
        return reload;
    }

    /** The lines, one a line, each run of equal lines as one line with its count. */
    private static String compact(List<String> output) {
        var text = new StringBuilder();
        for (int i = 0; i < output.size();) {
            int j = i;
            while (j < output.size() && output.get(j).equals(output.get(i))) {
                j++;
            }
            text.append(output.get(i)).append(j - i > 1 ? "  (" + (j - i) + " times)" : "").append('\n');
            i = j;
        }
        return text.toString();
    }

    /** The generations the program has loaded from {@code generation} on. */
    private static List<HostEvent.GenerationLoaded> loadedSince(RunningProgram program, int generation) {
        return program.host().events().stream()
                .filter(HostEvent.GenerationLoaded.class::isInstance)
                .map(HostEvent.GenerationLoaded.class::cast)
                .filter(loaded -> loaded.generation() >= generation)
                .toList();
    }

    /** Every file under {@code dir} (path → text), leaving out dot folders such as the build folder. */
    private static Map<String, String> sources(Path dir) throws IOException {
        var files = new TreeMap<String, String>();
        try (var walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile)
                    .filter(file -> !dir.relativize(file).toString().startsWith("."))
                    .forEach(file -> files.put(dir.relativize(file).toString(), read(file)));
        }
        assertTrue(files.containsKey("main.c"), "main.c in " + dir + ": " + files.keySet());
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
