package hcr.compiler.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.link.LinkLine.Library;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading the driver's linker line as ld reads it: Debian's gcc (which passes
 * {@code --as-needed}), a clang-style line (which does not, and names {@code libgcc_s} between
 * {@code --as-needed} and {@code --no-as-needed}), the project's link inputs among them, and
 * what is declined.
 */
class LinkLineTest {
    private static final Path DIR = Path.of("/project");

    /** What {@code gcc -### -shared -o hcr-probe.so hcr-probe.o -lm -Wl,-E -ldl} prints on Debian 12 (gcc 12). */
    private static final String GCC = """
            Using built-in specs.
            COLLECT_GCC=gcc
            Target: x86_64-linux-gnu
            COLLECT_GCC_OPTIONS='-shared' '-o' 'hcr-probe.so' '-mtune=generic' '-march=x86-64' '-dumpdir' 'hcr-probe.so.'
             /usr/lib/gcc/x86_64-linux-gnu/12/collect2 -plugin /usr/lib/gcc/x86_64-linux-gnu/12/liblto_plugin.so \
            "-plugin-opt=/usr/lib/gcc/x86_64-linux-gnu/12/lto-wrapper" "-plugin-opt=-fresolution=/tmp/ccK5qjrc.res" \
            "-plugin-opt=-pass-through=-lgcc" "-plugin-opt=-pass-through=-lc" --build-id --eh-frame-hdr -m elf_x86_64 \
            "--hash-style=gnu" --as-needed -shared -o hcr-probe.so \
            /usr/lib/gcc/x86_64-linux-gnu/12/../../../x86_64-linux-gnu/crti.o /usr/lib/gcc/x86_64-linux-gnu/12/crtbeginS.o \
            -L/usr/lib/gcc/x86_64-linux-gnu/12 -L/usr/lib/gcc/x86_64-linux-gnu/12/../../../x86_64-linux-gnu \
            hcr-probe.o -lm -E -ldl -lgcc --push-state --as-needed -lgcc_s --pop-state -lc -lgcc \
            --push-state --as-needed -lgcc_s --pop-state /usr/lib/gcc/x86_64-linux-gnu/12/crtendS.o \
            /usr/lib/gcc/x86_64-linux-gnu/12/../../../x86_64-linux-gnu/crtn.o
            COLLECT_GCC_OPTIONS='-shared' '-o' 'hcr-probe.so' '-mtune=generic' '-march=x86-64' '-dumpdir' 'hcr-probe.so.'
            """;

    /** A clang-style line: every word quoted, no {@code --as-needed} for the project's libraries. */
    private static final String CLANG = """
            clang version 14.0.6
             "/usr/bin/ld" "-z" "relro" "--hash-style=gnu" "--build-id" "--eh-frame-hdr" "-m" "elf_x86_64" "-shared" \
            "-o" "hcr-probe.so" "/lib/x86_64-linux-gnu/crti.o" "/usr/lib/gcc/x86_64-linux-gnu/12/crtbeginS.o" \
            "-L/usr/lib/gcc/x86_64-linux-gnu/12" "-L/lib/x86_64-linux-gnu" "hcr-probe.o" "-lm" "-lgcc" "--as-needed" \
            "-lgcc_s" "--no-as-needed" "-lc" "-lgcc" "--as-needed" "-lgcc_s" "--no-as-needed" \
            "/usr/lib/gcc/x86_64-linux-gnu/12/crtendS.o" "/lib/x86_64-linux-gnu/crtn.o"
            """;

    private static LinkLine read(String output) {
        return LinkLine.read(DriverLink.linkerLine(output), DriverLink.OBJECT, DIR);
    }

    private static LinkLine read(String... words) {
        var line = new java.util.ArrayList<>(List.of("ld", "--as-needed", "-shared", DriverLink.OBJECT));
        line.addAll(List.of(words));
        return LinkLine.read(line, DriverLink.OBJECT, DIR);
    }

    @Test
    void gccOnDebianLinksEveryLibraryAsNeeded() {
        var words = DriverLink.linkerLine(GCC);
        assertEquals("/usr/lib/gcc/x86_64-linux-gnu/12/collect2", words.get(0));
        assertTrue(words.contains("-plugin-opt=-fresolution=/tmp/ccK5qjrc.res"), words::toString);
        var line = read(GCC);
        assertEquals(List.of(new Library("m", true), new Library("dl", true), new Library("gcc", true),
                new Library("gcc_s", true), new Library("c", true), new Library("gcc", true), new Library("gcc_s", true)),
                line.libraries());
        assertEquals(List.of(Path.of("/usr/lib/gcc/x86_64-linux-gnu/12"),
                Path.of("/usr/lib/gcc/x86_64-linux-gnu/12/../../../x86_64-linux-gnu")), line.searchDirs());
        assertFalse(line.bindNow());
    }

    @Test
    void clangLeavesTheCLibraryNeededWhateverTheModuleUses() {
        var line = read(CLANG);
        assertEquals(List.of(new Library("m", false), new Library("gcc", false), new Library("gcc_s", true),
                new Library("c", false), new Library("gcc", false), new Library("gcc_s", true)), line.libraries());
    }

    @Test
    void asNeededStateFollowsTheLineAndItsPushedStates() {
        var line = read("-lm", "--no-as-needed", "-l", "z", "--push-state", "--as-needed", "-l:libfoo.so.1",
                "--pop-state", "-lc");
        assertEquals(List.of(new Library("m", true), new Library("z", false), new Library(":libfoo.so.1", true),
                new Library("c", false)), line.libraries());
        assertEquals(List.of("libfoo.so.1"), line.libraries().get(2).fileNames());
        assertEquals(List.of("libm.so", "libm.a"), line.libraries().get(0).fileNames());
    }

    @Test
    void zNowAndLazyAndWhatChangesNothing() {
        assertTrue(read("-z", "relro", "-z", "now", "-E", "--export-dynamic", "-znoexecstack").bindNow());
        assertFalse(read("-z", "now", "-zlazy").bindNow());
        assertEquals(List.of(Path.of("/project/lib"), Path.of("/opt/lib")), read("-Llib", "-L", "/opt/lib").searchDirs());
    }

    @Test
    void whatLdWouldDoOtherwiseIsDeclinedWithTheWord() {
        var cases = List.of(
                List.of("-Bstatic", "the link passes -Bstatic to ld"),
                List.of("--gc-sections", "the link passes --gc-sections to ld"),
                List.of("-znorelro", "the link passes -z norelro to ld"),
                List.of("-z", "defs", "the link passes -z defs to ld"),
                List.of("libown.a", "the link names the file libown.a"),
                List.of("/usr/lib/gcc/x86_64-linux-gnu/12/crtbeginT.o",
                        "the link names the file /usr/lib/gcc/x86_64-linux-gnu/12/crtbeginT.o"),
                List.of("-m", "elf_i386", "ld emulation elf_i386"),
                List.of("--pop-state", "--pop-state without --push-state"),
                List.of("-z", "ld option -z without its argument"));
        for (var c : cases) {
            var words = c.subList(0, c.size() - 1).toArray(String[]::new);
            var declined = assertThrows(Decline.class, () -> read(words), c::toString);
            assertEquals(c.get(c.size() - 1), declined.getMessage());
        }
        var noObject = assertThrows(Decline.class, () -> LinkLine.read(List.of("ld", "-shared"), DriverLink.OBJECT, DIR));
        assertEquals("the driver's link line does not name the object", noObject.getMessage());
    }

    @Test
    void wordsAreSplitAsTheShellWould() {
        assertEquals(List.of("/usr/bin/ld", "--hash-style=gnu", "a b", "c\"d", "e'f", "-x"),
                DriverLink.words(" \"/usr/bin/ld\" \"--hash-style=gnu\" 'a b' \"c\\\"d\" e\\'f -x "));
        assertEquals(List.of(), DriverLink.linkerLine("gcc: error: no input files\n"));
    }
}
