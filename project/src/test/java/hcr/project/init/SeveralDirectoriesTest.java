package hcr.project.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.project.ModuleSource;
import hcr.project.ProjectFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modules compiled in different directories with different flags: one {@code [[module]]} each,
 * the flags they all begin with in {@code [build] flags}, the most common directory in
 * {@code [build] directory}, and the model hcr.toml gives back is the recorded compiles exactly.
 */
class SeveralDirectoriesTest {
    @TempDir
    Path dir;

    @Test
    void modulesKeepTheirOwnDirectoryAndFlags() throws Exception {
        TestProject.requireTools("make", "gcc", "ar");
        var project = new TestProject(dir)
                .file("Makefile", """
                        CFLAGS = -O1 -g
                        app: app.o lib/liblib.a
                        >gcc -o app app.o -Llib -llib
                        app.o: app.c
                        >gcc $(CFLAGS) -Iinclude -c app.c
                        lib/liblib.a:
                        >$(MAKE) -C lib CFLAGS="$(CFLAGS)"
                        """)
                .file("lib/Makefile", """
                        liblib.a: one.o two.o
                        >ar cr liblib.a one.o two.o
                        %.o: %.c
                        >gcc $(CFLAGS) -DLIB=1 -I ../include -c $<
                        """)
                .file("include/api.h", "int one(void);\nint two(void);\n")
                .file("lib/one.c", "#include \"api.h\"\nint one(void) { return LIB; }\n")
                .file("lib/two.c", "#include \"api.h\"\nint two(void) { return one() + LIB; }\n")
                .file("app.c", "#include \"api.h\"\nint main(void) { return two() - 2; }\n");
        var run = project.init(null, "make");
        var file = run.ok().project();
        assertEquals(List.of("-O1", "-g"), file.flags());
        assertEquals(Optional.of("lib"), file.buildDirectory(), "two modules of three compile in lib/");
        assertEquals(List.of(new ProjectFile.Module("app.c", Optional.of("."), List.of("-Iinclude")),
                new ProjectFile.Module("lib/one.c", Optional.empty(), List.of("-DLIB=1", "-I", "../include")),
                new ProjectFile.Module("lib/two.c", Optional.empty(), List.of("-DLIB=1", "-I", "../include"))),
                file.modules());
        assertEquals(List.of(), file.link());
        var model = RecordedCompiles.assertRoundTrip(dir);
        var lib = dir.resolve("lib");
        assertEquals(List.of(new ModuleSource(dir.resolve("app.c"), dir, List.of("-O1", "-g", "-Iinclude")),
                new ModuleSource(lib.resolve("one.c"), lib, List.of("-O1", "-g", "-DLIB=1", "-I", "../include")),
                new ModuleSource(lib.resolve("two.c"), lib, List.of("-O1", "-g", "-DLIB=1", "-I", "../include"))),
                model.modules());
        var text = project.read("hcr.toml");
        assertTrue(text.contains("[[module]]\nsource = \"app.c\"\ndirectory = \".\"\nflags = [\"-Iinclude\"]\n"), text);
    }
}
