package hcr.project.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.project.HcrToml;
import hcr.project.ModuleSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Makefile project with two programs that share a static archive of the project's own
 * ({@code ar rcs}): each program is found with {@code --target}, its closure is its main plus
 * the archive's members (by path for one, through {@code -L. -lcore} for the other), and
 * without {@code --target} hcr init lists both and stops.
 */
class MakeProgramsTest {
    private static final List<String> FLAGS = List.of("-O1", "-Wall", "-DVERSION=3");

    @TempDir
    Path dir;
    TestProject project;

    @BeforeEach
    void write() {
        TestProject.requireTools("make", "gcc", "ar");
        project = new TestProject(dir)
                .file("Makefile", """
                        all:
                        >$(MAKE) -C src
                        """)
                .file("src/Makefile", """
                        CC = gcc
                        CFLAGS = -O1 -Wall -DVERSION=3
                        all: app tool
                        libcore.a: shared.o util.o
                        >ar rcs $@ shared.o util.o
                        app: app.o libcore.a
                        >$(CC) -o app app.o libcore.a -lm
                        tool: tool.o libcore.a
                        >$(CC) -o tool tool.o -L. -lcore
                        %.o: %.c
                        >$(CC) $(CFLAGS) -c -o $@ $<
                        """)
                .file("src/shared.c", "int shared(void) { return VERSION; }\n")
                .file("src/util.c", "int shared(void);\nint util(void) { return shared() + 1; }\n")
                .file("src/app.c", "int util(void);\nint main(void) { return util() - 4; }\n")
                .file("src/tool.c", "int shared(void);\nint main(void) { return shared() - 3; }\n");
    }

    @Test
    void appIsItsMainAndTheArchiveMembers() throws Exception {
        var run = project.init("app", "make");
        var result = run.ok();
        assertTrue(run.build().contains("ar rcs libcore.a shared.o util.o"), run.build());
        var file = result.project();
        assertEquals(List.of("src/app.c", "src/shared.c", "src/util.c"), file.sources());
        assertEquals("src", file.buildDirectory().orElseThrow());
        assertEquals(FLAGS, file.flags());
        assertEquals(List.of("-lm"), file.link());
        assertEquals("gcc", file.cc().orElseThrow());
        assertEquals("app", file.name().orElseThrow());

        var model = RecordedCompiles.assertRoundTrip(dir);
        var src = dir.resolve("src");
        assertEquals(List.of(new ModuleSource(src.resolve("app.c"), src, FLAGS),
                new ModuleSource(src.resolve("shared.c"), src, FLAGS),
                new ModuleSource(src.resolve("util.c"), src, FLAGS)), model.modules());
        assertEquals(List.of("-lm"), model.linkInputs());
        assertEquals(List.of(
                "app from `make`: 3 modules, link inputs -lm",
                "not modules: 1 source the build compiled outside app's link (src/tool.c)",
                "wrote " + dir.resolve("hcr.toml")), run.said());
        var text = project.read("hcr.toml");
        assertTrue(text.contains("# Written by `hcr init` from the build command `make`, program app (linked in src)."), text);
    }

    @Test
    void toolFindsTheArchiveThroughMinusL() throws Exception {
        var file = project.init("tool", "make").ok().project();
        assertEquals(List.of("src/tool.c", "src/shared.c", "src/util.c"), file.sources());
        assertEquals(List.of(), file.link(), "-L. served only the project's own archive");
        RecordedCompiles.assertRoundTrip(dir);
    }

    @Test
    void targetMayBeThePathRelativeToTheProject() {
        var file = project.init("src/tool", "make").ok().project();
        assertEquals("tool", file.name().orElseThrow());
    }

    @Test
    void severalProgramsWithoutTargetAreListed() {
        var run = project.init(null, "make");
        assertEquals("the build links 2 programs: app, tool; choose one with --target NAME", run.failure());
        assertEquals(List.of("  app  (src/app, linked in src)", "  tool  (src/tool, linked in src)"), run.said());
        assertFalse(Files.exists(dir.resolve(HcrToml.FILE_NAME)));
    }

    @Test
    void aTargetTheBuildNeverLinksIsNamed() {
        var run = project.init("luac", "make");
        assertEquals("the build never links 'luac'; it links: app, tool", run.failure());
        assertFalse(Files.exists(dir.resolve(HcrToml.FILE_NAME)));
    }

    @Test
    void anExistingHcrTomlIsReplacedOnlyWithForce() {
        project.file("hcr.toml", "# mine\n");
        var run = project.init("app", "make");
        assertEquals(dir.resolve("hcr.toml") + " exists; --force replaces it", run.failure());
        assertEquals("", run.build(), "the build does not run");
        assertEquals("# mine\n", project.read("hcr.toml"));
        project.init("app", true, "make").ok();
        assertTrue(project.read("hcr.toml").contains("name = \"app\""));
    }

    @Test
    void anAlreadyBuiltTreeIsToldToClean() {
        project.init("app", "make").ok();
        var again = project.init("app", true, "make");
        assertEquals("`make` ran no C compiler: is the tree already built? Clean it (make clean) so that every compile"
                + " and link runs, and run hcr init again", again.failure());
    }

    @Test
    void nothingButHcrTomlAndTheRecordingIsWritten() throws Exception {
        project.init("app", "make").ok();
        try (var files = Files.walk(dir)) {
            var written = files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString())
                    .filter(f -> !f.startsWith("src/") && !f.equals("Makefile")).sorted().toList();
            assertEquals(List.of(".hcr/init/build-events.json", "hcr.toml"), written);
        }
    }
}
