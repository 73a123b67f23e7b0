package hcr.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.project.ModuleSource;
import hcr.project.ProgramModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bare compile an edit is held to: the module's own compiler and flags, in its own directory. */
class RecordedCompileTest {

    private static final Path ROOT = Path.of("/p");

    private static ProgramModel model(Optional<String> cc) {
        var lvm = new ModuleSource(ROOT.resolve("src/lvm.c"), ROOT.resolve("src"), List.of("-std=gnu99", "-O2", "-DX"));
        return new ProgramModel(ROOT, ProgramModel.Origin.HCR_TOML, Optional.empty(), cc, List.of(lvm), List.of("-lm"),
                List.of(), Optional.empty(), Map.of(), List.of(), List.of());
    }

    @Test
    void compilesTheModuleWithItsOwnFlagsInItsDirectory() {
        var compile = RecordedCompile.of(model(Optional.of("ccache gcc")), ROOT.resolve("src/lvm.c"),
                Path.of("/tmp/b/bare.o"), "cc").orElseThrow();
        assertEquals(ROOT.resolve("src"), compile.directory());
        assertEquals(List.of("ccache", "gcc", "-std=gnu99", "-O2", "-DX", "-c", "lvm.c", "-o", "/tmp/b/bare.o"),
                compile.command());
        assertEquals("ccache gcc -std=gnu99 -O2 -DX -c lvm.c -o x.o", compile.text());
    }

    @Test
    void theDefaultCompilerWhenTheModelNamesNone() {
        var compile = RecordedCompile.of(model(Optional.empty()), ROOT.resolve("src/lvm.c"), Path.of("/o.o"), "cc");
        assertTrue(compile.isPresent());
        assertEquals("cc", compile.get().command().get(0));
    }

    @Test
    void noneForAFileThatIsNotAModule() {
        assertFalse(RecordedCompile.of(model(Optional.empty()), ROOT.resolve("src/luac.c"), Path.of("/o.o"), "cc")
                .isPresent());
    }

    @Test
    void noneForABareFolder() {
        assertFalse(RecordedCompile.of(ProgramModel.folder(ROOT), ROOT.resolve("sim.c"), Path.of("/o.o"), "cc").isPresent());
    }

    @Test
    void theGoalIsTheBareCompileTimesOnePointTwoPlusTenMilliseconds() {
        var goal = EditTable.bareGoal(200);
        assertEquals("≤ 1.2× bare + 10 ms = 250.0 ms", goal.text());
        assertTrue(goal.met(250));
        assertFalse(goal.met(250.1));
    }
}
