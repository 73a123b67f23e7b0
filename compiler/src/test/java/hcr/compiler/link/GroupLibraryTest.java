package hcr.compiler.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.elf.Gcc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.fornwall.jelf.ElfDynamicSection;
import net.fornwall.jelf.ElfFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group library as the binutils, jelf and glibc's loader see it. */
class GroupLibraryTest {
    /** dlopens a group, then calls {@code int fa(void)} and {@code int fb(void)} found in the global scope. */
    private static final String DRIVER = """
            #include <dlfcn.h>
            #include <stdio.h>
            void hcr_trap_removed(const char *cname) { printf("trapped %s\\n", cname); }
            int main(int argc, char **argv) {
                if (!dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL)) { printf("dlopen: %s\\n", dlerror()); return 2; }
                int (*fa)(void) = (int (*)(void)) dlsym(RTLD_DEFAULT, "fa");
                int (*fb)(void) = (int (*)(void)) dlsym(RTLD_DEFAULT, "fb");
                if (!fa || !fb) { printf("dlsym: %s\\n", dlerror()); return 3; }
                printf("fa=%d fb=%d\\n", fa(), fb());
                return 0;
            }
            """;
    private static final List<String> NEEDED = List.of("libhcrstubs.1.so", "libhcrstubs.3.so", "libb.g3.so",
            "liba.g1.so");

    @TempDir
    Path dir;
    private final GroupLibrary group = new GroupLibrary(Arch.host());

    /** Two stub libraries and two modules whose globals refer to each other: neither loads alone. */
    @BeforeEach
    void libraries() throws IOException, ToolException {
        var gcc = new Gcc(dir);
        new StubLibrary(Arch.host(), "as", "ld").build(List.of(new FunctionName("a", "fa", "hcr.fa")), dir,
                "libhcrstubs.1.so");
        new StubLibrary(Arch.host(), "as", "ld").build(List.of(new FunctionName("b", "fb", "hcr.fb")), dir,
                "libhcrstubs.3.so");
        module(gcc, "b", "extern int a; int b = 2; int fb(void) { return a * 10; }\n", "libb.g3.so");
        module(gcc, "a", "extern int b; int a = 1; int fa(void) { return b * 100; }\n", "liba.g1.so");
    }

    @Test
    void theGroupNeedsStubsThenModulesInOrderFoundBesideIt() throws Exception {
        group.link(dir, "libhcrgroup.g3.so", NEEDED);

        var elf = ElfFile.from(dir.resolve("libhcrgroup.g3.so").toFile());
        var dynamic = elf.getDynamicSection();
        assertEquals(NEEDED, dynamic.getNeededLibraries());
        assertEquals("$ORIGIN", dynamic.getRunPath());
        assertTrue(dynamic.entries.stream().anyMatch(e -> e.d_tag == ElfDynamicSection.DT_RUNPATH),
                "RUNPATH (--enable-new-dtags), not RPATH");
        assertTrue(dynamic.entries.stream().noneMatch(e -> e.d_tag == ElfDynamicSection.DT_RPATH));
        assertEquals("libhcrgroup.g3.so", StubLibraryTest.soname(dir.resolve("libhcrgroup.g3.so")));
        assertEquals(1, elf.getDynamicSymbolTableSection().symbols.length, "the null symbol only");
    }

    @Test
    void readelfShowsTheSameDynamicEntriesAsTheGroupLdMakes() throws Exception {
        group.link(dir, "libhcrgroup.g3.so", NEEDED);
        var command = new ArrayList<>(List.of("ld", "-shared", "-soname", "libhcrgroup.g3.so", "--no-as-needed",
                "-rpath", "$ORIGIN", "--enable-new-dtags", "-o", dir.resolve("ld-group.so").toString(), "-L",
                dir.toString()));
        NEEDED.forEach(n -> command.add("-l:" + n));
        Gcc.run(command);

        var ours = dynamicEntries(dir.resolve("libhcrgroup.g3.so"));
        assertEquals(dynamicEntries(dir.resolve("ld-group.so")), ours);
        assertEquals(List.of("(NEEDED) Shared library: [libhcrstubs.1.so]", "(NEEDED) Shared library: [libhcrstubs.3.so]",
                "(NEEDED) Shared library: [libb.g3.so]", "(NEEDED) Shared library: [liba.g1.so]",
                "(SONAME) Library soname: [libhcrgroup.g3.so]", "(RUNPATH) Library runpath: [$ORIGIN]", "(HASH)",
                "(GNU_HASH)", "(STRTAB)", "(SYMTAB)", "(STRSZ) 83 (bytes)", "(SYMENT) 24 (bytes)", "(NULL)"), ours);
    }

    @Test
    void theBinutilsReadItWithoutAComplaintAndTheStackStaysNonExecutable() throws Exception {
        group.link(dir, "libhcrgroup.g3.so", NEEDED);
        var file = dir.resolve("libhcrgroup.g3.so").toString();

        var all = Gcc.run(List.of("readelf", "-a", "-W", file));
        var dump = Gcc.run(List.of("objdump", "-x", file));

        assertFalse(all.contains("readelf:"), "no warning, no error: " + all);
        assertFalse(dump.contains("objdump:"), "no warning, no error: " + dump);
        assertTrue(all.contains("DYN (Shared object file)"), all);
        var stack = all.lines().filter(l -> l.strip().startsWith("GNU_STACK")).findFirst().orElseThrow();
        assertTrue(stack.contains(" RW "), stack);
        assertTrue(all.lines().anyMatch(l -> l.strip().startsWith("DYNAMIC")), all);
        assertTrue(dump.contains("NEEDED               libhcrstubs.1.so"), dump);
        assertEquals("nm: " + file + ": no symbols", Gcc.run(List.of("nm", "-D", file)).strip(), "it defines nothing");
    }

    @Test
    void glibcLoadsTheLibrariesInOrderAndResolvesTheCycleOfGlobals() throws Exception {
        group.link(dir, "libhcrgroup.g3.so", NEEDED);
        var driver = driver();
        var library = dir.resolve("libhcrgroup.g3.so").toString();

        assertEquals("fa=200 fb=10\n", Gcc.run(List.of(driver.toString(), library)));

        var debug = new ProcessBuilder(driver.toString(), library).redirectErrorStream(true);
        debug.environment().put("LD_DEBUG", "files");
        var process = debug.start();
        var log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), log);
        assertEquals(NEEDED, loaded(log, Pattern.compile("file=(\\S+) \\[0\\];\\s+needed by " + Pattern.quote(library))),
                log);
        var ldd = Gcc.run(List.of("ldd", library));
        assertEquals(NEEDED.stream().map(n -> n + " => " + dir.resolve(n)).toList(),
                loaded(ldd, Pattern.compile("\\s(lib(?:hcrstubs|a|b)\\.\\S+ => \\S+)")), ldd);
    }

    @Test
    void theAarch64GroupIsAnAarch64SharedObject() throws Exception {
        new GroupLibrary(Arch.AARCH64).link(dir, "libhcrgroup.g3.so", NEEDED);
        var file = dir.resolve("libhcrgroup.g3.so").toString();

        var header = Gcc.run(List.of("readelf", "-h", "-l", "-W", file));

        assertTrue(header.contains("AArch64"), header);
        assertTrue(header.contains("0x10000"), "segments aligned for 64K pages: " + header);
        assertEquals(dynamicEntries(dir.resolve("libhcrgroup.g3.so")).subList(0, 6),
                List.of("(NEEDED) Shared library: [libhcrstubs.1.so]", "(NEEDED) Shared library: [libhcrstubs.3.so]",
                        "(NEEDED) Shared library: [libb.g3.so]", "(NEEDED) Shared library: [liba.g1.so]",
                        "(SONAME) Library soname: [libhcrgroup.g3.so]", "(RUNPATH) Library runpath: [$ORIGIN]"));
    }

    @Test
    void aMissingLibraryIsNamed() {
        var e = assertThrows(IOException.class,
                () -> group.link(dir, "libhcrgroup.g1.so", List.of("libsim.g1.so")));

        assertTrue(e.getMessage().contains(dir.resolve("libsim.g1.so").toString()), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("libhcrgroup.g1.so")));
    }

    @Test
    void writeDoesNotLookForTheLibrariesItNeeds() throws Exception {
        group.write(dir, "libhcrgroup.g9.so", List.of("libnot-yet.g9.so"));

        assertEquals(List.of("libnot-yet.g9.so"),
                ElfFile.from(dir.resolve("libhcrgroup.g9.so").toFile()).getDynamicSection().getNeededLibraries());
    }

    /** {@code readelf -d}: each entry's type, with the value where it is a name or a size, not an address. */
    private static List<String> dynamicEntries(Path library) throws IOException {
        var entries = new ArrayList<String>();
        var line = Pattern.compile("^\\s*0x[0-9a-f]+ (\\(\\w+\\))\\s+(.*)$");
        for (var text : Gcc.run(List.of("readelf", "-d", "-W", library.toString())).lines().toList()) {
            var m = line.matcher(text);
            if (m.matches()) {
                var value = m.group(2).strip();
                entries.add(value.startsWith("0x") ? m.group(1) : m.group(1) + " " + value);
            }
        }
        return entries;
    }

    private static List<String> loaded(String log, Pattern pattern) {
        var found = new ArrayList<String>();
        var m = pattern.matcher(log);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private Path driver() throws IOException {
        var c = Files.writeString(dir.resolve("driver.c"), DRIVER);
        var driver = dir.resolve("driver");
        Gcc.run(List.of("gcc", "-rdynamic", "-o", driver.toString(), c.toString(), "-ldl"));
        return driver;
    }

    private static void module(Gcc gcc, String id, String source, String fileName) throws IOException {
        var o = gcc.object(id, source);
        Gcc.run(List.of("gcc", "-shared", "-Wl,-soname," + fileName, "-o", gcc.dir().resolve(fileName).toString(),
                o.toString()));
    }
}
