package hcr.project.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.project.DroppedFlag;
import hcr.project.HcrToml;
import hcr.project.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds that fail, link nothing, or carry flags reloading cannot keep; bear missing. */
class BuildOutcomesTest {
    @TempDir
    Path dir;

    @Test
    void aFailingBuildShowsItsOutputAndWritesNothing() {
        TestProject.requireTools("make", "gcc");
        var project = new TestProject(dir)
                .file("Makefile", """
                        app: main.c
                        >gcc -o app main.c
                        """)
                .file("main.c", "int main(void) { return missing_function_here(; }\n");
        var run = project.init(null, "make");
        assertEquals("the build command failed (exit status 2): make", run.failure());
        assertTrue(run.build().contains("main.c:1:"), "gcc's own message is shown: " + run.build());
        assertTrue(run.build().contains("make: *** [Makefile:2: app] Error 1"), run.build());
        assertFalse(Files.exists(dir.resolve(HcrToml.FILE_NAME)));
    }

    @Test
    void theFailedCommandIsQuotedAsTheShellWouldTakeIt() {
        TestProject.requireTools("sh");
        var run = new TestProject(dir).init(null, "sh", "-c", "echo building; exit 3");
        assertEquals("the build command failed (exit status 3): sh -c 'echo building; exit 3'", run.failure());
        assertEquals("building\n", run.build());
    }

    @Test
    void aBuildThatOnlyCompilesIsTold() {
        TestProject.requireTools("make", "gcc");
        var project = new TestProject(dir)
                .file("Makefile", """
                        all: a.o
                        a.o: a.c
                        >gcc -c a.c
                        """)
                .file("a.c", "int a(void) { return 0; }\n");
        var run = project.init(null, "make");
        assertEquals("`make` compiled 1 source but linked no program: give the build command (or make target) that"
                + " links it", run.failure());
        assertFalse(Files.exists(dir.resolve(HcrToml.FILE_NAME)));
    }

    @Test
    void flagsReloadingCannotKeepAreDroppedAndSaidWhy() throws Exception {
        TestProject.requireTools("make", "gcc");
        var project = new TestProject(dir)
                .file("Makefile", """
                        CFLAGS = -O2 -flto -fvisibility=hidden -DNDEBUG
                        app: main.o calc.o
                        >gcc -O2 -flto -o app main.o calc.o -Wl,--gc-sections -lm
                        %.o: %.c
                        >gcc $(CFLAGS) -c $< -o $@
                        """)
                .file("calc.c", "__attribute__((visibility(\"default\"))) int calc(int x) { return x * 2; }\n")
                .file("main.c", "int calc(int);\nint main(void) { return calc(2) - 4; }\n");
        var run = project.init(null, "make");
        var file = run.ok().project();
        assertEquals(List.of("-O2", "-DNDEBUG"), file.flags());
        assertEquals(List.of("-lm"), file.link());
        assertEquals(List.of(
                new DroppedFlag("-flto", "link-time optimisation merges modules; every module must stay a library of its own"),
                new DroppedFlag("-fvisibility=hidden", "a module must reach the symbols of every other module: hcr keeps default visibility"),
                new DroppedFlag("-Wl,--gc-sections", "it needs the whole program at once; every module is linked alone")),
                file.dropped());
        var written = HcrToml.read(dir.resolve(HcrToml.FILE_NAME));
        assertEquals(file.dropped(), written.dropped(), "[[dropped]] in hcr.toml");
        assertTrue(run.said().contains("dropped -flto (link-time optimisation merges modules; every module must stay a"
                + " library of its own)"), run.said().toString());
        var model = RecordedCompiles.assertRoundTrip(dir);
        assertEquals(List.of("-lm"), model.linkInputs());
    }

    @Test
    void withoutBearTheErrorSaysHowToInstallIt() {
        var init = new ProjectInit(new BuildRecorder(Optional.empty(), Optional.empty()), line -> { });
        var error = assertThrows(ModelException.class,
                () -> init.run(new ProjectInit.Request(dir, Optional.empty(), List.of("make"), false)));
        assertEquals("bear is not installed; hcr init records the build with it: apt-get install bear", error.getMessage());
    }

    @Test
    void aDirectoryThatDoesNotExistIsNamed() {
        var missing = dir.resolve("nope");
        var init = new ProjectInit(new BuildRecorder(Optional.empty(), Optional.empty()), line -> { });
        var error = assertThrows(ModelException.class,
                () -> init.run(new ProjectInit.Request(missing, Optional.empty(), List.of("make"), false)));
        assertEquals(missing + ": no such directory", error.getMessage());
    }
}
