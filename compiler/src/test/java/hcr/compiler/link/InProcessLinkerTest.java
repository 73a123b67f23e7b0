package hcr.compiler.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.elf.Gcc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-process module link against the real one: every module of every fixture, compiled as
 * hcr compiles it, is linked both ways and the results compared as the loader and gdb see them
 * (exported and undefined dynamic symbols with their versions, the statics and hook descriptors
 * in .symtab, the sections gdb reads); then a program built both ways runs alike, backtraces
 * through the new libraries' unwind tables included. What it must leave to ld is declined.
 */
class InProcessLinkerTest {
    private static final Path FIXTURES = Path.of("..", "test-fixtures");
    private static InProcessLinker linker;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        linker = InProcessLinker.forHost("gcc").orElseThrow(() -> new AssertionError("no in-process linker for gcc here"));
    }

    private Path compile(Path source, String name, String... flags) throws IOException {
        var object = dir.resolve(name + ".o");
        var command = new ArrayList<>(List.of("gcc", "-c", "-fPIC", "-g", "-O0", "-DHCR=1",
                "-I" + Path.of("..", "hcr-native", "include").toAbsolutePath(), "-I" + source.getParent()));
        command.addAll(List.of(flags));
        command.addAll(List.of(source.toString(), "-o", object.toString()));
        Gcc.run(command);
        return object;
    }

    private Path inProcess(Path object, String soname) throws IOException {
        var outcome = linker.link(Files.readAllBytes(object), soname);
        assertTrue(outcome.linked(), () -> object + " declined: " + outcome.declined());
        return Files.write(dir.resolve("j-" + soname), outcome.library());
    }

    private Path withLd(Path object, String soname) throws IOException {
        var library = dir.resolve("ld-" + soname);
        Gcc.run(List.of("gcc", "-shared", "-o", library.toString(), "-Wl,-soname," + soname, object.toString()));
        return library;
    }

    /**
     * As hcr compiles them: every static in a section of its own ({@code -fdata-sections}), at -O0
     * and -O2, and with the patchable entries old versions forward through (issue 10), whose list
     * the in-process link leaves out.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-O0", "-O0 -fdata-sections", "-O2 -fdata-sections",
        "-O2 -fdata-sections -fpatchable-function-entry=9,7 -falign-functions=16"})
    void everyFixtureModuleLinksInProcessAsLdLinksIt(String flags) throws IOException {
        List<Path> sources;
        try (var files = Files.walk(FIXTURES)) {
            // not the projects/ fixtures: their sources need their own build's include folders
            sources = files.filter(p -> p.toString().endsWith(".c") && Stream.of("/.hcr/", "/edits/", "/target/", "/projects/")
                    .noneMatch(p.toString()::contains)).sorted().toList();
        }
        assertTrue(sources.size() > 30, "fixture sources: " + sources.size());
        int n = 0;
        for (var source : sources) {
            var text = Files.readString(source);
            if (text.contains("atexit(") || text.contains("__thread ")) {
                continue; // left to ld on purpose: atexit comes from libc_nonshared.a (B17's ops.c); thread-locals
            }
            var name = "m" + n++;
            var object = compile(source, name, flags.split(" "));
            var soname = "lib" + name + ".g1.so";
            var ours = inProcess(object, soname);
            var theirs = withLd(object, soname);
            var expected = ReadElf.dynamicSymbols(theirs);
            var actual = ReadElf.dynamicSymbols(ours);
            // ld also lists the strong alias of a weak C library object a module refers to
            // (timezone → __timezone): no relocation uses it
            expected.removeIf(s -> s.startsWith("OBJECT GLOBAL DEFAULT UND ") && !actual.contains(s));
            assertEquals(expected, actual, source + ": dynamic symbols");
            assertEquals(ReadElf.needed(theirs), ReadElf.needed(ours), source + ": needed libraries");
            assertEquals(ReadElf.localObjects(theirs), ReadElf.localObjects(ours), source + ": local objects");
            var sections = Gcc.run(List.of("readelf", "-SW", ours.toString()));
            for (var needed : List.of(".debug_info", ".debug_line", ".eh_frame_hdr", ".symtab", ".note.gnu.build-id")) {
                assertTrue(sections.contains(needed), source + ": no " + needed);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-O0", "-O0 -fdata-sections", "-O2 -fdata-sections"})
    void aProgramRunsAlikeWithEitherLinkBacktracesIncluded(String flags) throws IOException {
        var module = dir.resolve("mod.c");
        Files.writeString(module, """
                #include <execinfo.h>
                #include <stdio.h>
                #include <string.h>
                extern int host_value;
                static int depth(int n) { void *frames[32]; return n ? depth(n - 1) : backtrace(frames, 32); }
                static int counter;
                static const char *names[] = {"zero", "one", "two"};
                __attribute__((constructor)) static void start(void) { counter = 40; }
                int (*pointer)(int) = depth;
                long big[100];
                int run(void) {
                    big[99] = 7;
                    char buffer[64];
                    snprintf(buffer, sizeof buffer, "%s-%zu", names[2], strlen(names[1]));
                    printf("depth %d counter %d host %d %s %ld\\n", pointer(3), ++counter, host_value, buffer, big[99]);
                    return 0;
                }
                """);
        var host = dir.resolve("host.c");
        Files.writeString(host, """
                #include <dlfcn.h>
                #include <stdio.h>
                int host_value = 5;
                int main(int argc, char **argv) {
                    void *h = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
                    if (!h) { printf("%s\\n", dlerror()); return 1; }
                    return ((int (*)(void)) dlsym(h, "run"))();
                }
                """);
        var program = dir.resolve("host");
        Gcc.run(List.of("gcc", "-rdynamic", "-o", program.toString(), host.toString(), "-ldl"));
        var object = compile(module, "mod", flags.split(" "));
        var ours = Gcc.run(List.of(program.toString(), inProcess(object, "libmod.so").toString()));
        var theirs = Gcc.run(List.of(program.toString(), withLd(object, "libmod.so").toString()));
        if (flags.startsWith("-O0")) {
            assertEquals("depth 9 counter 41 host 5 two-3 7\n", theirs); // -O2 folds depth's frames
        }
        assertEquals(theirs, ours);
    }

    @Test
    void whatNeedsTheRealLinkerIsDeclined() throws IOException {
        var cases = List.of(
                List.of("_Thread_local int t; int get(void) { return t; }"),
                List.of("#include <stdlib.h>\nstatic void bye(void) {}\nvoid f(void) { atexit(bye); }"),
                List.of("int shared_tentative;", "-fcommon"),
                List.of("int x; int *get(void) { return &x; }", "-fno-pic", "-mcmodel=large"),
                List.of("__attribute__((constructor(101))) static void early(void) {}"),
                List.of("__int128 divide(__int128 a, __int128 b) { return a / b; }"),
                List.of("extern char __start_mysection[]; char *first(void) { return __start_mysection; }"));
        int n = 0;
        for (var c : cases) {
            var source = dir.resolve("d" + n + ".c");
            Files.writeString(source, c.get(0) + "\n");
            var object = compile(source, "d" + n++, c.subList(1, c.size()).toArray(String[]::new));
            var outcome = linker.link(Files.readAllBytes(object), "libd.so");
            assertFalse(outcome.linked(), () -> c + " was linked in process");
            assertFalse(outcome.declined().isBlank());
        }
    }
}
