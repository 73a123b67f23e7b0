package hcr.compiler.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.elf.Gcc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.fornwall.jelf.ElfDynamicSection;
import net.fornwall.jelf.ElfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupLibraryTest {
    @TempDir
    Path dir;

    @Test
    void theGroupNeedsStubsThenModulesInOrderFoundBesideIt() throws Exception {
        var gcc = new Gcc(dir);
        new StubLibrary(Arch.host(), "as", "ld").build(List.of(new FunctionName("a", "fa", "hcr.fa")), dir,
                "libhcrstubs.1.so");
        new StubLibrary(Arch.host(), "as", "ld").build(List.of(new FunctionName("b", "fb", "hcr.fb")), dir,
                "libhcrstubs.3.so");
        module(gcc, "b", "extern int a; int b = 2; int fb(void) { return a; }\n", "libb.g3.so");
        module(gcc, "a", "extern int b; int a = 1; int fa(void) { return b; }\n", "liba.g1.so");
        var needed = List.of("libhcrstubs.1.so", "libhcrstubs.3.so", "libb.g3.so", "liba.g1.so");

        new GroupLibrary("ld").link(dir, "libhcrgroup.g3.so", needed);

        var elf = ElfFile.from(dir.resolve("libhcrgroup.g3.so").toFile());
        var dynamic = elf.getDynamicSection();
        assertEquals(needed, dynamic.getNeededLibraries());
        assertEquals("$ORIGIN", dynamic.getRunPath());
        assertTrue(dynamic.entries.stream().anyMatch(e -> e.d_tag == ElfDynamicSection.DT_RUNPATH),
                "RUNPATH (--enable-new-dtags), not RPATH");
        assertTrue(dynamic.entries.stream().noneMatch(e -> e.d_tag == ElfDynamicSection.DT_RPATH));
        assertEquals("libhcrgroup.g3.so", StubLibraryTest.soname(dir.resolve("libhcrgroup.g3.so")));
    }

    private static void module(Gcc gcc, String id, String source, String fileName) throws IOException {
        var o = gcc.object(id, source);
        Gcc.run(List.of("gcc", "-shared", "-Wl,-soname," + fileName, "-o", gcc.dir().resolve(fileName).toString(),
                o.toString()));
    }

    @Test
    void aMissingLibraryIsNamed() {
        var e = assertThrows(IOException.class,
                () -> new GroupLibrary("ld").link(dir, "libhcrgroup.g1.so", List.of("libsim.g1.so")));

        assertTrue(e.getMessage().contains(dir.resolve("libsim.g1.so").toString()), e.getMessage());
    }
}
