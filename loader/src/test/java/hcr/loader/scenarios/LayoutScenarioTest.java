package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.Generation;
import hcr.compiler.debug.LayoutChange;
import hcr.compiler.link.FreshGlobal;
import hcr.compiler.link.Manifest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B22: a type's layout changes at the same size. Two fields of the global struct {@code world}
 * and of the file-static struct {@code tally} swapped: found in the modules' debug info, the global
 * gets fresh storage and the static is reset (both start again: {@code ticks 1 score 10 calls 1},
 * where the old storage read with the new layout would say {@code ticks 10k+1}). A heap struct that
 * gains a field before {@code vel}: reported by field; the object the old code made is misread by
 * the new code (its {@code mass} is the old {@code vel}) until the program starts again.
 */
class LayoutScenarioTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) world ticks (\\d+) score (\\d+) calls (\\d+)"
            + " (v1|v2) swarm id 7 (?:mass (\\S+) )?vel (\\S+) (v1|v2)$");

    @TempDir
    Path temp;

    /** Nothing reloaded yet: the world, the tally and the particle's velocity count the ticks. */
    private static boolean base(TickLine line) {
        long t = line.tick();
        return line.number(2) == t && line.number(3) == 10 * t && line.number(4) == t && line.text(5).equals("v1")
                && vel(line) == 1.5 * t && line.text(8).equals("v1");
    }

    /** Fresh storage and a reset static: the world and the tally start again from the new code's first step. */
    private static boolean freshWorld(TickLine before, TickLine line) {
        long steps = before.text(5).equals("v1") ? 1 : before.number(2) + 1;
        return line.text(5).equals("v2") && line.number(2) == steps && line.number(3) == 10 * steps
                && line.number(4) == steps && vel(line) == 1.5 * line.tick();
    }

    private static double vel(TickLine line) {
        return Double.parseDouble(line.text(7));
    }

    @Test
    void a_global_and_a_static_with_swapped_fields_start_again_and_are_reported_by_field() throws Exception {
        try (var project = FixtureProject.copy("b22-layout", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, LayoutScenarioTest::base, 2);

                var second = project.apply("swap").publish();
                var swapped = "score: offset 4 → 0, ticks: offset 0 → 4";
                assertEquals(List.of(new FreshGlobal("world", "world", "hcr.world.g2", "changed layout (" + swapped + ")")),
                        second.freshGlobals());
                assertEquals(List.of(
                        "'world' (module world) changed layout (" + swapped + "): fresh storage",
                        "static 'tally' (module world) changed layout (checks: offset 4 → 0, calls: offset 0 → 4): reset"),
                        second.layoutChanges().stream().map(LayoutChange::message).toList());
                assertEquals(List.of(
                        "struct tally changed layout (checks: offset 4 → 0, calls: offset 0 → 4)",
                        "struct world changed layout (" + swapped + ")"),
                        second.typeChanges().join().stream().map(LayoutChange::message).toList());
                var statics = Manifest.read(second.manifest()).statics().stream().map(Manifest.Static::name).toList();
                assertTrue(statics.contains("tally@g2"), "the static is new to the runtime: " + statics);

                var reload = program.reload(second);
                assertFalse(reload.statics().containsKey("tally") || reload.statics().containsKey("tally@g2"),
                        "not carried, not shared: " + reload.statics());
                program.await(LINE, line -> line.text(5).equals("v2"), 4);
                var change = Switch.find(program.output(), LINE, LayoutScenarioTest::base,
                        LayoutScenarioTest::freshWorld).assertNewLines(4);
                assertEquals("ticks 1 score 10 calls 1", change.firstNew().text().replaceAll(".* world (.*) v2 swarm.*", "$1"),
                        "not the old storage read with the new layout: " + change);

                var third = project.apply("swap").write("world.c", project.original("swap", "world.c")
                        .replace("v2\"", "v3\"")).publish();
                assertEquals(List.of(), third.layoutChanges(), "a body edit changes no layout");
                assertEquals(List.of(), third.typeChanges().join());
                var names = Manifest.read(third.manifest()).statics().stream().map(Manifest.Static::name).toList();
                assertTrue(names.contains("tally@g2"), "the static keeps its new name while its layout stays: " + names);
            }
        }
    }

    @Test
    void a_heap_struct_that_gains_a_field_is_reported_and_misread_until_the_program_starts_again() throws Exception {
        try (var project = FixtureProject.copy("b22-layout", temp)) {
            var first = project.publish();
            Generation second;
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                var last = program.await(LINE, LayoutScenarioTest::base, 3);

                second = project.apply("grow").publish();
                assertEquals(List.of(), second.freshGlobals());
                assertEquals(List.of(), second.layoutChanges());
                assertEquals(List.of("struct particle changed layout (vel: offset 8 → 16, mass: added at offset 8)"),
                        second.typeChanges().join().stream().map(LayoutChange::message).toList());
                program.reload(second);

                // the old 16-byte object read with the new layout: the new code's mass is the old code's vel
                var misread = program.await(LINE, line -> line.text(8).equals("v2"));
                assertTrue(Double.parseDouble(misread.text(6)) >= vel(last), "mass " + misread.text(6)
                        + " is what the old code's vel had grown to (" + vel(last) + " or more): " + misread);
            }
            try (var again = RunningProgram.start(project.hostOptions("10"), second.number())) {
                assertEquals("tick 1 world ticks 1 score 10 calls 1 v1 swarm id 7 mass 2.0 vel 1.5 v2",
                        again.await(LINE).text(), "started again, the new code makes the object it reads");
            }
        }
    }
}
