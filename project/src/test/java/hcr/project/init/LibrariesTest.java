package hcr.project.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.project.ModuleSource;
import hcr.project.ProjectFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Libraries on the program's link line: the project's own shared libraries (one linking
 * another) become modules, libtool's included; archives and objects that are not the project's
 * stay link inputs, or are an error when they sit in the tree without a recorded compile.
 */
class LibrariesTest {
    @TempDir
    Path dir;

    @Test
    void theProjectsSharedLibrariesAndWhatTheyLinkAreInTheClosure() throws Exception {
        TestProject.requireTools("make", "gcc");
        var project = new TestProject(dir)
                .file("Makefile", """
                        all: app
                        libshape.so: shape.c
                        >gcc -O1 -fPIC -shared -o libshape.so shape.c -lm
                        libdraw.so: draw.o libshape.so
                        >gcc -shared -o libdraw.so draw.o -L. -lshape
                        draw.o: draw.c
                        >gcc -O1 -fPIC -c draw.c
                        main.o: main.c
                        >gcc -O1 -c main.c
                        app: main.o libdraw.so
                        >gcc -o app main.o -L. -ldraw -Wl,-rpath,'$$ORIGIN' -Wl,-rpath-link,.
                        """)
                .file("shape.c", "#include <math.h>\ndouble shape(double x) { return sqrt(x); }\n")
                .file("draw.c", "double shape(double);\nint draw(void) { return (int) shape(16.0); }\n")
                .file("main.c", "int draw(void);\nint main(void) { return draw() - 4; }\n");
        var run = project.init(null, "make");
        var file = run.ok().project();
        assertEquals(List.of(), file.sources(), "the libraries' objects are compiled -fPIC, main.o is not");
        assertEquals(List.of("-O1"), file.flags(), "what every module's flags begin with");
        assertEquals(List.of(new ProjectFile.Module("main.c", Optional.empty(), List.of()),
                new ProjectFile.Module("draw.c", Optional.empty(), List.of("-fPIC")),
                new ProjectFile.Module("shape.c", Optional.empty(), List.of("-fPIC"))), file.modules());
        assertEquals(List.of("-Wl,-rpath,$ORIGIN", "-Wl,-rpath-link,.", "-lm"), file.link(),
                "the program's options, then what its project libraries link with");
        var model = RecordedCompiles.assertRoundTrip(dir);
        assertEquals(List.of(new ModuleSource(dir.resolve("main.c"), dir, List.of("-O1")),
                new ModuleSource(dir.resolve("draw.c"), dir, List.of("-O1", "-fPIC")),
                new ModuleSource(dir.resolve("shape.c"), dir, List.of("-O1", "-fPIC"))), model.modules());
        assertEquals(List.of("app from `make`: 3 modules, link inputs -Wl,-rpath,$ORIGIN -Wl,-rpath-link,. -lm",
                "wrote " + dir.resolve("hcr.toml")), run.said());
    }

    @Test
    void anObjectAssembledFromSomethingOtherThanCIsALinkInputNotAModule() throws Exception {
        TestProject.requireTools("make", "gcc");
        var project = new TestProject(dir)
                .file("Makefile", """
                        app: main.o asm/twice.o
                        >gcc -o app main.o asm/twice.o
                        main.o: main.c
                        >gcc -O1 -c main.c
                        asm/twice.o: asm/twice.S
                        >gcc -c asm/twice.S -o asm/twice.o
                        """)
                .file("asm/twice.S", "\t.text\n\t.globl asm_twice\n\t.hidden asm_twice\nasm_twice:\n"
                        + "\tleal (%rdi,%rdi), %eax\n\tret\n\t.section .note.GNU-stack,\"\",@progbits\n")
                .file("main.c", "int asm_twice(int);\nint main(void) { return asm_twice(2) - 4; }\n");
        var run = project.init(null, "make");
        var file = run.ok().project();
        assertEquals(List.of("main.c"), file.sources(), "the assembly is not a module");
        assertEquals(List.of("asm/twice.o"), file.link(), "it is linked as it is");
        assertEquals(List.of("app from `make`: 1 module, link inputs asm/twice.o",
                "not a module: asm/twice.o (from asm/twice.S, not C): linked as it is, never reloaded",
                "wrote " + dir.resolve("hcr.toml")), run.said());
    }

    @Test
    void archivesAndLibrariesThatAreNotTheProjectsStayLinkInputs(@TempDir Path elsewhere) throws Exception {
        TestProject.requireTools("make", "gcc", "ar");
        var outside = new TestProject(elsewhere).file("ext.c", "int ext(void) { return 1; }\n");
        outside.shell("gcc -c ext.c && ar rcs libext.a ext.o");
        var project = new TestProject(dir)
                .file("vendor/vendor.c", "int vendor(void) { return 2; }\n")
                .file("Makefile", """
                        app: main.o
                        >gcc -o app main.o %s -Lvendor -lvendor -lm
                        main.o: main.c
                        >gcc -g -c main.c
                        """.formatted(elsewhere.resolve("libext.a")))
                .file("main.c", "int ext(void); int vendor(void);\nint main(void) { return ext() + vendor() - 3; }\n");
        project.shell("cd vendor && gcc -c vendor.c && ar rcs libvendor.a vendor.o && rm vendor.o");
        var file = project.init(null, "make").ok().project();
        assertEquals(List.of("main.c"), file.sources());
        assertEquals(List.of(elsewhere.resolve("libext.a").toString(), "-Lvendor", "-lvendor", "-lm"), file.link(),
                "an archive outside the project stays as a path; one in the tree the build did not make stays with its -L");
        var model = RecordedCompiles.assertRoundTrip(dir);
        assertEquals(List.of(elsewhere.resolve("libext.a").toString(), "-L" + dir.resolve("vendor"), "-lvendor", "-lm"),
                model.linkInputs());
    }

    @Test
    void aPrebuiltObjectInTheTreeIsAnError() {
        TestProject.requireTools("make", "gcc");
        var project = new TestProject(dir)
                .file("blob.c", "int blob(void) { return 0; }\n")
                .file("main.c", "int blob(void);\nint main(void) { return blob(); }\n")
                .file("Makefile", """
                        app: main.o
                        >gcc -o app main.o blob.o
                        main.o: main.c
                        >gcc -c main.c
                        """);
        project.shell("gcc -c blob.c");
        var run = project.init(null, "make");
        assertEquals("app's link uses blob.o, which the build did not compile: a prebuilt object, or one built before"
                + " hcr init ran (clean the tree and run hcr init again)", run.failure());
        assertFalse(Files.exists(dir.resolve("hcr.toml")));
    }

    @Test
    void sourcesCompiledAndLinkedInOneCommandAreModules() throws Exception {
        TestProject.requireTools("make", "gcc");
        var project = new TestProject(dir)
                .file("Makefile", """
                        hello: hello.c util.c
                        >gcc -O1 -DGREETING=1 -o hello hello.c util.c -lm
                        """)
                .file("util.c", "int util(void) { return GREETING; }\n")
                .file("hello.c", "int util(void);\nint main(void) { return util() - 1; }\n");
        var file = project.init("hello", "make").ok().project();
        assertEquals(List.of("hello.c", "util.c"), file.sources());
        assertEquals(List.of("-O1", "-DGREETING=1"), file.flags());
        assertEquals(List.of("-lm"), file.link());
        var model = RecordedCompiles.assertRoundTrip(dir);
        assertEquals(List.of(new ModuleSource(dir.resolve("hello.c"), dir, List.of("-O1", "-DGREETING=1")),
                new ModuleSource(dir.resolve("util.c"), dir, List.of("-O1", "-DGREETING=1"))), model.modules());
    }

    @Test
    void libtoolLibrariesUseThePicCompile() throws Exception {
        TestProject.requireTools("make", "gcc", "libtool");
        var project = new TestProject(dir)
                .file("foo.c", "int foo(void) {\n#ifdef PIC\n  return 42;\n#endif\n}\n")
                .file("main.c", "int foo(void);\nint main(void) { return foo() - 42; }\n")
                .file("Makefile", """
                        LT = libtool --quiet --tag=CC
                        prog: main.o libfoo.la
                        >$(LT) --mode=link gcc -O1 -o prog main.o libfoo.la -lm
                        libfoo.la: foo.lo
                        >$(LT) --mode=link gcc -O1 -o libfoo.la foo.lo -rpath /usr/local/lib
                        foo.lo: foo.c
                        >$(LT) --mode=compile gcc -O1 -DFOO -c foo.c
                        main.o: main.c
                        >gcc -O1 -c main.c
                        """);
        var file = project.init(null, "make").ok().project();
        assertEquals("prog", file.name().orElseThrow(), "libtool links .libs/prog; ./prog is its wrapper script");
        var model = RecordedCompiles.assertRoundTrip(dir);
        assertEquals(List.of(new ModuleSource(dir.resolve("main.c"), dir, List.of("-O1")),
                new ModuleSource(dir.resolve("foo.c"), dir, List.of("-O1", "-DFOO", "-fPIC", "-DPIC"))), model.modules());
        assertEquals(List.of("-lm"), model.linkInputs());
    }
}
