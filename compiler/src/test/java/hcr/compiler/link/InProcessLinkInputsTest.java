package hcr.compiler.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.elf.Gcc;
import hcr.testsupport.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process module link with the link inputs of real programs ({@code -lm -Wl,-E -ldl},
 * {@code -pthread}, {@code -Wl,-z,relro -Wl,-z,now}, {@code -lz}...) against
 * {@code gcc -shared} with the same inputs: the libraries needed, every reference's version and
 * the library that defines it, the dynamic flags, the segments, the statics; a program loading
 * the library runs alike both ways. Link inputs it does not take as ld does make it unavailable,
 * with the reason; an object that would take a member of an archive is declined.
 */
class InProcessLinkInputsTest {
    private static final String MATH = """
            #include <math.h>
            #include <stdio.h>
            static int calls;
            int run(void) {
                volatile double x = 2.5;
                printf("%.1f %.4f %.4f %.1f %d\\n", floor(x), sqrt(x), exp(x), ldexp(x, 3), ++calls);
                return 0;
            }
            """;

    @TempDir
    Path dir;

    /** A module linked both ways with the same inputs. */
    private record Linked(Path ours, Path theirs) {
    }

    private Path compile(String name, String source) throws IOException {
        var c = Files.writeString(dir.resolve(name + ".c"), source);
        var object = dir.resolve(name + ".o");
        Gcc.run(List.of("gcc", "-c", "-fPIC", "-g", "-O0", c.toString(), "-o", object.toString()));
        return object;
    }

    private InProcessLinker linker(String... inputs) throws IOException {
        var setup = InProcessLinker.forLink("gcc", List.of(inputs), dir);
        assertTrue(setup.available(), () -> List.of(inputs) + ": " + setup.unavailable());
        return setup.linker();
    }

    /** Links {@code source} in process and with {@code gcc -shared}, and compares what the loader and gdb see. */
    private Linked bothWays(String name, String source, String... inputs) throws IOException {
        var object = compile(name, source);
        var soname = "lib" + name + ".g1.so";
        var outcome = linker(inputs).link(Files.readAllBytes(object), soname);
        assertTrue(outcome.linked(), () -> name + " declined: " + outcome.declined());
        var ours = Files.write(dir.resolve("j-" + soname), outcome.library());
        var theirs = dir.resolve("ld-" + soname);
        var command = new ArrayList<>(List.of("gcc", "-shared", "-o", theirs.toString(), "-Wl,-soname," + soname,
                object.toString()));
        command.addAll(List.of(inputs));
        Gcc.run(command);
        assertEquals(ReadElf.needed(theirs), ReadElf.needed(ours), name + ": needed libraries");
        assertEquals(ReadElf.dynamicSymbols(theirs), ReadElf.dynamicSymbols(ours), name + ": dynamic symbols");
        assertEquals(ReadElf.flags(theirs), ReadElf.flags(ours), name + ": dynamic flags");
        assertEquals(ReadElf.segmentTypes(theirs), ReadElf.segmentTypes(ours), name + ": segments");
        assertEquals(ReadElf.localObjects(theirs), ReadElf.localObjects(ours), name + ": local objects");
        var sections = Gcc.run(List.of("readelf", "-SW", ours.toString()));
        for (var needed : List.of(".debug_info", ".debug_line", ".eh_frame_hdr", ".symtab", ".note.gnu.build-id")) {
            assertTrue(sections.contains(needed), name + ": no " + needed);
        }
        return new Linked(ours, theirs);
    }

    /** Runs a program that loads {@code library} and calls its {@code run}; its output. */
    private String run(Path library) throws IOException {
        var host = dir.resolve("host");
        if (!Files.exists(host)) {
            var source = Files.writeString(dir.resolve("host.c"), """
                    #include <dlfcn.h>
                    #include <stdio.h>
                    int main(int argc, char **argv) {
                        void *h = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
                        if (!h) { printf("%s\\n", dlerror()); return 1; }
                        return ((int (*)(void)) dlsym(h, "run"))();
                    }
                    """);
            Gcc.run(List.of("gcc", "-o", host.toString(), source.toString(), "-ldl"));
        }
        return Gcc.run(List.of(host.toString(), library.toString()));
    }

    private void runsAlike(Linked linked, String expected) throws IOException {
        assertEquals(expected, run(linked.theirs()));
        assertEquals(expected, run(linked.ours()));
    }

    @Test
    void theMathLibraryIsNeededAndItsVersionsRecorded() throws IOException {
        var linked = bothWays("math", MATH, "-lm");
        assertEquals(List.of("(NEEDED) Shared library: [libm.so.6]", "(NEEDED) Shared library: [libc.so.6]"),
                ReadElf.needed(linked.ours()));
        var symbols = ReadElf.dynamicSymbols(linked.ours());
        for (var reference : List.of("floor@GLIBC_2.2.5 libm.so.6", "exp@GLIBC_2.29 libm.so.6",
                "ldexp@GLIBC_2.2.5 libm.so.6" /* libc defines it too: -lm comes first */, "printf@GLIBC_2.2.5 libc.so.6")) {
            assertTrue(symbols.contains("FUNC GLOBAL DEFAULT UND " + reference), () -> reference + " in " + symbols);
        }
        runsAlike(linked, "2.0 1.5811 12.1825 20.0 1\n");
    }

    @Test
    void dlopenWithLdlNeedsOnlyTheCLibrary() throws IOException {
        var linked = bothWays("dl", """
                #include <dlfcn.h>
                #include <stdio.h>
                int run(void) {
                    void *m = dlopen("libm.so.6", RTLD_NOW);
                    double (*cosine)(double) = (double (*)(double)) dlsym(m, "cos");
                    printf("cos(0) = %.1f\\n", cosine(0.0));
                    return dlclose(m);
                }
                """, "-ldl");
        assertEquals(List.of("(NEEDED) Shared library: [libc.so.6]"), ReadElf.needed(linked.ours()));
        assertTrue(ReadElf.dynamicSymbols(linked.ours()).contains("FUNC GLOBAL DEFAULT UND dlopen@GLIBC_2.34 libc.so.6"));
        runsAlike(linked, "cos(0) = 1.0\n");
    }

    @Test
    void threadsWithPthread() throws IOException {
        var linked = bothWays("thread", """
                #include <pthread.h>
                #include <stdio.h>
                static void *twice(void *value) { *(int *) value *= 2; return value; }
                int run(void) {
                    int value = 21;
                    pthread_t thread;
                    pthread_create(&thread, NULL, twice, &value);
                    pthread_join(thread, NULL);
                    printf("thread %d\\n", value);
                    return 0;
                }
                """, "-pthread", "-lpthread", "-lrt", "-lutil");
        runsAlike(linked, "thread 42\n");
    }

    @Test
    void luasLinkInputsAndHardeningFlags() throws IOException {
        var linked = bothWays("lua", MATH, "-lm", "-Wl,-E", "-ldl", "-rdynamic", "-Wl,--export-dynamic",
                "-Wl,-z,relro", "-Wl,-z,now");
        assertEquals(List.of("(FLAGS) BIND_NOW", "(FLAGS_1) Flags: NOW"), ReadElf.flags(linked.ours()));
        assertTrue(ReadElf.segmentTypes(linked.ours()).contains("GNU_RELRO"));
        runsAlike(linked, "2.0 1.5811 12.1825 20.0 1\n");
        bothWays("lazy", MATH, "-Wl,-z,now,-z,lazy", "-lm");
    }

    @Test
    void aLibraryNamedNoAsNeededIsNeededEvenUnused() throws IOException {
        var unused = "int run(void) { return 0; }\n";
        assertEquals(List.of(), ReadElf.needed(bothWays("unused", unused, "-lm").ours()));
        assertEquals(List.of("(NEEDED) Shared library: [libm.so.6]", "(NEEDED) Shared library: [libc.so.6]"),
                ReadElf.needed(bothWays("noasneeded", unused, "-Wl,--no-as-needed", "-lm").ours()));
        assertEquals(List.of("(NEEDED) Shared library: [libm.so.6]"),
                ReadElf.needed(bothWays("pushed", unused, "-Wl,--push-state,--no-as-needed", "-lm",
                        "-Wl,--pop-state").ours()));
    }

    @Test
    void anyOtherSharedLibraryAsLdFindsIt() throws IOException {
        var libz = Gcc.run(List.of("gcc", "-print-file-name=libz.so")).strip();
        RequiredTool.require(Files.isRegularFile(Path.of(libz)), "zlib's development files (zlib1g-dev)");
        var linked = bothWays("zlib", """
                #include <stdio.h>
                #include <zlib.h>
                int run(void) { printf("zlib %s\\n", zlibVersion() != NULL ? "yes" : "no"); return 0; }
                """, "-lz");
        assertEquals(List.of("(NEEDED) Shared library: [libz.so.1]", "(NEEDED) Shared library: [libc.so.6]"),
                ReadElf.needed(linked.ours()));
        runsAlike(linked, "zlib yes\n");
    }

    @Test
    void anArchiveIsFineUntilTheObjectWouldTakeAMember() throws IOException {
        var lib = Files.createDirectories(dir.resolve("lib"));
        var helper = compile("helper", "int helper(int x) { return x + 1; }\n");
        Gcc.run(List.of("ar", "rcs", lib.resolve("libhelper.a").toString(), helper.toString()));
        var inputs = new String[] {"-L" + lib, "-lhelper", "-lm"};
        bothWays("without", MATH, inputs);
        var object = compile("with", "int helper(int); int run(void) { return helper(1) - 2; }\n");
        var outcome = linker(inputs).link(Files.readAllBytes(object), "libwith.so");
        assertFalse(outcome.linked());
        assertEquals("'helper' comes from the archive libhelper.a", outcome.declined());
    }

    @Test
    void aLinkScriptLikeOlderDebiansLibmWithAnArchiveAndAsNeededEntries() throws IOException {
        var lib = Files.createDirectories(dir.resolve("lib"));
        var helper = compile("helper", "int helper(int x) { return x + 1; }\n");
        var archive = lib.resolve("libhelper_nonshared.a");
        Gcc.run(List.of("ar", "rcs", archive.toString(), helper.toString()));
        var libm = Path.of(Gcc.run(List.of("gcc", "-print-file-name=libm.so.6")).strip()).toRealPath();
        var libmvec = libm.resolveSibling("libmvec.so.1");
        Files.writeString(lib.resolve("libscript.so"), "/* GNU ld script */\nOUTPUT_FORMAT(elf64-x86-64)\nGROUP ( " + libm
                + (Files.exists(libmvec) ? " AS_NEEDED ( " + archive + " " + libmvec + " ) )\n" : " AS_NEEDED ( " + archive
                + " ) )\n"));
        bothWays("script", MATH, "-L" + lib, "-lscript");
        // needed though unused, as --no-as-needed says; what the script names AS_NEEDED is not
        assertEquals(List.of("(NEEDED) Shared library: [libm.so.6]", "(NEEDED) Shared library: [libc.so.6]"),
                ReadElf.needed(bothWays("scriptunused", "int run(void) { return 0; }\n", "-L" + lib,
                        "-Wl,--no-as-needed", "-lscript").ours()));
        var object = compile("usesarchive", "int helper(int); int run(void) { return helper(1) - 2; }\n");
        var outcome = linker("-L" + lib, "-lscript").link(Files.readAllBytes(object), "libusesarchive.so");
        assertEquals("'helper' comes from the archive libhelper_nonshared.a", outcome.declined());
    }

    @Test
    void linkInputsItDoesNotTakeAsLdDoesAreNamed() throws IOException {
        var archive = Files.write(dir.resolve("libown.a"), "!<arch>\n".getBytes());
        var cases = List.of(
                List.of("-Wl,--gc-sections", "the link passes --gc-sections to ld"),
                List.of("-Wl,-O1", "the link passes -O1 to ld"),
                List.of("-Wl,-z,norelro", "the link passes -z norelro to ld"),
                List.of("-Wl,-z,defs", "the link passes -z defs to ld"),
                List.of("-Wl,-Bstatic", "the link passes -Bstatic to ld"),
                List.of("-Wl,-Bsymbolic", "the link passes -Bsymbolic to ld"),
                List.of("-lhcr_no_such_library", "-lhcr_no_such_library is in none of the link's library folders"),
                List.of(archive.toString(), "the link names the file " + archive));
        for (var c : cases) {
            var setup = InProcessLinker.forLink("gcc", List.of(c.get(0)), dir);
            assertFalse(setup.available(), c.get(0));
            assertTrue(setup.unavailable().startsWith(c.get(1)), () -> c.get(0) + ": " + setup.unavailable());
        }
    }
}
