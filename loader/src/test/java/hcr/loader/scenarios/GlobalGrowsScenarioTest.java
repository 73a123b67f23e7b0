package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.link.FreshGlobal;
import hcr.loader.HostEvent;
import hcr.loader.HostOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B8: a global array grows ({@code int ring[4]} → {@code int ring[64]}); it gets fresh storage and
 * is reported, and nothing writes past the old storage. Bound to the old storage, the new code
 * would print {@code sum 4k+64} and overrun it, which AddressSanitizer reports: the last test
 * forces exactly that binding and checks that the sanitized run does report it.
 */
class GlobalGrowsScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) len (4|64) sum (\\d+)$");

    @TempDir
    Path temp;

    private static boolean four(TickLine line) {
        return line.number(2) == 4 && line.number(3) == 4 * line.tick();
    }

    /** Fresh storage: the sum starts again, 64 on the first new line, then 64 more a tick. */
    private static boolean sixtyFour(TickLine before, TickLine line) {
        return line.number(2) == 64 && line.number(3) == (before.number(2) == 64 ? before.number(3) + 64 : 64);
    }

    @Test
    void the_grown_array_gets_fresh_storage_and_is_reported() throws Exception {
        try (var project = FixtureProject.copy("b08-global-grows", temp)) {
            growWhileRunning(project, project.hostOptions("10"), program -> { });
        }
    }

    @Test
    void under_address_sanitizer_nothing_writes_past_the_old_storage() throws Exception {
        var asan = AddressSanitizer.require();
        try (var project = FixtureProject.copy("b08-global-grows", temp, asan::configure)) {
            // ASan's shadow memory maps the module copies gigabytes apart: old entries cannot
            // jump that far, and the runtime says so for each (README, issue 10's notes)
            growWhileRunning(project, asan.configure(project.hostOptions("10")),
                    GlobalGrowsScenarioTest::assertSanitized, line -> line.startsWith("hcr: cannot forward "));
        }
    }

    private static void growWhileRunning(FixtureProject project, HostOptions options,
                                         Consumer<RunningProgram> atStart) throws Exception {
        growWhileRunning(project, options, atStart, line -> false);
    }

    /** @param expected runtime lines the run may print besides the program's own */
    private static void growWhileRunning(FixtureProject project, HostOptions options,
                                         Consumer<RunningProgram> atStart, Predicate<String> expected)
            throws Exception {
        var first = project.publish();
        try (var program = RunningProgram.start(options, first.number())) {
            atStart.accept(program);
            program.await(LINE, GlobalGrowsScenarioTest::four, 2);

            var second = project.apply("grow").publish();
            assertEquals(List.of(new FreshGlobal("ring", "ring", "hcr.ring.g2", "size 16 -> 256")),
                    second.freshGlobals());
            var reload = program.reload(second);

            assertEquals(Map.of("ring", "reloaded"), reload.moduleActions());
            program.await(LINE, line -> line.number(2) == 64, 5);
            // every output line has the fixture's form, so a sanitizer report would fail this too
            var output = program.output().stream().filter(expected.negate()).toList();
            var change = Switch.find(output, LINE, GlobalGrowsScenarioTest::four,
                    GlobalGrowsScenarioTest::sixtyFour).assertNotMixed().assertNewLines(5);
            assertEquals(64, change.firstNew().number(3), "not 4k+64: " + change);
            assertTrue(program.isAlive(), program.output().toString());
        }
    }

    @Test
    void control_bound_to_the_old_storage_the_grown_code_is_reported_by_the_sanitizer() throws Exception {
        var asan = AddressSanitizer.require();
        try (var project = FixtureProject.copy("b08-global-grows", temp, asan::configure)) {
            var first = project.publish();
            // stop the compiler first: it saves its state in the background, and closing waits for that
            project.restartBuilder();
            // make the compiler believe ring always had 256 bytes: it then keeps the link name hcr.ring
            // for the grown array, and the new code binds to the old 16 bytes
            editLinkNames(project, first.number(), text -> text.replace("live object ring hcr.ring 16\n",
                    "live object ring hcr.ring 256\n"));
            try (var program = RunningProgram.start(asan.configure(project.hostOptions("10")), first.number())) {
                assertSanitized(program);
                program.await(LINE, GlobalGrowsScenarioTest::four, 2);

                var second = project.apply("grow").publish();
                assertEquals(List.of(), second.freshGlobals());
                program.reload(second);

                var report = program.host().awaitOutput("ERROR: AddressSanitizer: global-buffer-overflow",
                        RunningProgram.WAIT);
                assertInstanceOf(HostEvent.Exited.class, program.host().awaitEnding(RunningProgram.WAIT),
                        "the sanitizer ended the program with its exit status: " + report);
                assertTrue(program.output().stream().anyMatch(line -> line.contains("global variable 'ring'")),
                        "the report names the array: " + String.join("\n", program.output()));
                assertTrue(program.output().stream().noneMatch(line -> line.contains("len 64")),
                        "the overrun stopped the first tick of the new code");
            }
        }
    }

    /** Rewrites the compiler's link-name table of {@code generation} (format: hcr.compiler.link.LinkNamesFile). */
    private static void editLinkNames(FixtureProject project, int generation, UnaryOperator<String> edit)
            throws Exception {
        var table = project.buildDir().resolve("state").resolve("link-names." + generation);
        var text = Files.readString(table);
        var edited = edit.apply(text);
        assertTrue(!edited.equals(text), "the link-name table changed; it was:\n" + text);
        Files.writeString(table, edited);
    }

    /** The sanitizer's runtime is in the host process (else a quiet run would prove nothing). */
    private static void assertSanitized(RunningProgram program) {
        String maps;
        try {
            maps = Files.readString(Path.of("/proc", String.valueOf(program.host().pid()), "maps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(maps.contains("libasan"), "libasan is mapped in host " + program.host().pid());
    }
}
