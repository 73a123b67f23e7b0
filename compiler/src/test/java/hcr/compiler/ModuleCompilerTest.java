package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleCompilerTest {
    private static List<String> flags(String... cflags) {
        return flags(true, cflags);
    }

    private static List<String> flags(boolean hooks, String... cflags) {
        var config = BuildConfig.defaults(Path.of("/tmp/project")).withCflags(List.of(cflags));
        var module = new SourceModule("m", Path.of("/tmp/project/m.c"), Path.of("/tmp/project"), List.of("-O0"));
        return new ModuleCompiler(config, Path.of("/tmp/hcr"), false).flags(module, hooks);
    }

    @Test
    void aDevBuildIsUnoptimisedAndNeedsNoOrderFlag() {
        assertEquals(List.of("-c", "-fPIC", "-g", "-fdata-sections", "-DHCR=1", "-O0", "-I/tmp/hcr",
                "-fpatchable-function-entry=9,7", "-falign-functions=16", "-fno-var-tracking"), flags());
        assertFalse(flags("-O0", "-Wall").contains("-fno-toplevel-reorder"));
        assertFalse(flags("-O2", "-O0").contains("-fno-toplevel-reorder"), "the last -O counts");
    }

    @Test
    void projectFlagsThatOptimiseKeepTopLevelDefinitionsInSourceOrderWhenTheModuleUsesHcrH() {
        for (var level : List.of("-O1", "-O2", "-O3", "-Os", "-Og", "-Ofast", "-O")) {
            var flags = flags("-Wall", level);
            assertTrue(flags.contains("-fno-toplevel-reorder"), level);
            assertEquals("-fno-toplevel-reorder", flags.get(flags.size() - 1));
            assertFalse(flags(false, "-Wall", level).contains("-fno-toplevel-reorder"), "no hcr.h, no hooks to order");
        }
    }

    @Test
    void localsAreNotTrackedForHcrsOwnDebugInfoButAreWhenTheProjectAsksForIt() {
        assertTrue(flags("-O2", "-Wall").contains("-fno-var-tracking"), "hcr's -g: types, not locals");
        for (var debug : List.of("-g", "-g3", "-ggdb", "-ggdb3", "-gdwarf-4")) {
            assertFalse(flags("-O2", debug).contains("-fno-var-tracking"), debug + ": the project's own debug info");
        }
        assertTrue(flags("-O2", "-g0", "-gz").contains("-fno-var-tracking"), "-g0 and -gz ask for no debug info");
    }

    @Test
    void gccWordsAreReadBackAsTheDriverQuotedThem() {
        assertEquals(List.of("/usr/lib/gcc/cc1", "-D", "HCR=1", "-mtune=generic", "a \"b\" $c\\", "", "-o", "-", "|"),
                DirectCompile.words(" /usr/lib/gcc/cc1 -D \"HCR=1\" \"-mtune=generic\" \"a \\\"b\\\" \\$c\\\\\" \"\" -o - |"));
    }

    @Test
    void theDirectPipelineCompilesAsTheDriverAndReportsErrorsAsGccDoes(@TempDir Path dir) throws Exception {
        var command = List.of("gcc", "-c", "-fPIC", "-g", "-O0", "-DHCR=1", "-Wall");
        var direct = DirectCompile.awaitChecked(command, dir, dir.resolve("state"));
        assertTrue(direct.isPresent(), "gcc's cc1 | as should be usable here");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/m.c"), "int f(void) { int unused; return 1; }\n");
        var object = dir.resolve("m.0123.o");
        var ok = direct.get().run("sub/m.c", object, dir.resolve("m.d"), dir);
        assertEquals(0, ok.exitCode(), ok.output());
        assertTrue(ok.output().contains("sub/m.c:1:19: warning: unused variable"), ok.output());
        assertTrue(Files.size(object) > 0);
        assertTrue(Files.readString(dir.resolve("m.d")).startsWith(object + ": sub/m.c"), Files.readString(dir.resolve("m.d")));

        Files.writeString(dir.resolve("sub/m.c"), "int f(void) { return x; }\n");
        var failed = direct.get().run("sub/m.c", object, dir.resolve("m.d"), dir);
        assertTrue(failed.exitCode() != 0);
        assertTrue(failed.output().contains("sub/m.c:1:22: error: ") && failed.output().contains("undeclared"), failed.output());
        assertFalse(Files.exists(object));
    }

    @Test
    void aWrapperTheDriverDoesNotExplainIsLeftToTheDriver(@TempDir Path dir) {
        var command = List.of("gcc", "-c", "-fPIC", "-no-such-option-for-hcr");
        assertTrue(DirectCompile.awaitChecked(command, dir, dir.resolve("state")).isEmpty());
    }
}
