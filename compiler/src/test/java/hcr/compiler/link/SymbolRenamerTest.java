package hcr.compiler.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.elf.ElfSymbol;
import hcr.compiler.elf.Gcc;
import hcr.compiler.elf.ObjectSymbols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolRenamerTest {
    @TempDir
    Path dir;

    private final SymbolRenamer renamer = new SymbolRenamer("objcopy");

    @Test
    void definitionsAndReferencesGetTheirLinkNamesAndDwarfKeepsTheCNames() throws Exception {
        var o = new Gcc(dir).object("sim", """
                #include <stdio.h>
                extern int counter;
                int error(int code) { return code; }
                int step(int x) { printf("%d\\n", x); return error(x + counter); }
                """);
        var out = dir.resolve("sim.renamed.o");

        renamer.rename(o, Map.of("step", "hcr.step", "error", "hcr.error", "counter", "hcr.counter"), out);

        var symbols = ObjectSymbols.read(out);
        assertEquals(Set.of("hcr.step", "hcr.error"),
                symbols.definedGlobals().stream().map(ElfSymbol::name).collect(Collectors.toSet()));
        assertTrue(symbols.undefined().contains("hcr.counter"), symbols.undefined().toString());
        assertTrue(symbols.undefined().contains("printf"), "names not in the map stay");
        assertFalse(symbols.undefined().contains("counter"));
        var dwarf = Gcc.run(List.of("readelf", "--debug-dump=info", out.toString()));
        assertTrue(dwarf.contains(": step") && dwarf.contains(": error"), "DWARF keeps C names");
    }

    @Test
    void anEmptyMapCopiesTheObject() throws Exception {
        var o = new Gcc(dir).object("m", "int f(void) { return 1; }\n");
        var out = dir.resolve("m.copy.o");

        renamer.rename(o, Map.of(), out);

        assertArrayEquals(Files.readAllBytes(o), Files.readAllBytes(out));
    }

    @Test
    void anObjectCanBeRenamedInPlace() throws Exception {
        var o = new Gcc(dir).object("m", "int f(void) { return 1; }\n");

        renamer.rename(o, Map.of("f", "hcr.f"), o);

        assertEquals("hcr.f", ObjectSymbols.read(o).definedGlobals().get(0).name());
        try (var files = Files.list(dir)) {
            assertEquals(Set.of("m.c", "m.o"), files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()),
                    "the rename map file was removed");
        }
    }

    @Test
    void theInProcessRenamingMatchesObjcopySymbolForSymbolAndLinksTheSame() throws Exception {
        var gcc = new Gcc(dir);
        var o = gcc.object("sim", RICH);
        var ours = dir.resolve("ours.o");
        var theirs = dir.resolve("theirs.o");

        renamer.rename(o, RICH_RENAMES, ours);
        renamer.withObjcopy(o, RICH_RENAMES, theirs);

        assertEquals(symbols(theirs), symbols(ours));
        assertEquals(relocations(theirs), relocations(ours));
        var listed = symbols(ours);
        assertTrue(listed.contains("FUNC GLOBAL DEFAULT 1 hcr.step"), listed.toString());
        assertTrue(listed.contains("NOTYPE GLOBAL DEFAULT UND hcr.counter"), listed.toString());
        assertTrue(listed.contains("NOTYPE WEAK DEFAULT UND hcr.ticks"), listed.toString());
        assertTrue(listed.stream().anyMatch(l -> l.startsWith("OBJECT WEAK ") && l.endsWith(" hcr.tunable.g4")));
        assertTrue(listed.stream().anyMatch(l -> l.startsWith("OBJECT LOCAL ") && l.endsWith(" calls.0")),
                "statics keep their names");
        assertTrue(listed.stream().anyMatch(l -> l.startsWith("FUNC LOCAL ") && l.endsWith(" helper")));
        var all = Gcc.run(List.of("readelf", "-a", "-W", ours.toString()));
        assertFalse(all.contains("readelf:"), "no warning, no error: " + all);
        var libraries = List.of(gcc.sharedLibrary("libours.so", ours), gcc.sharedLibrary("libtheirs.so", theirs));
        assertEquals(Gcc.run(List.of("nm", "-D", libraries.get(1).toString())),
                Gcc.run(List.of("nm", "-D", libraries.get(0).toString())));
        var dwarf = Gcc.run(List.of("readelf", "--debug-dump=info", libraries.get(0).toString()));
        assertTrue(dwarf.contains(": step") && dwarf.contains(": error"), "DWARF keeps C names");
    }

    @Test
    void anObjectTheInProcessRenamingDoesNotUnderstandGoesThroughObjcopy() throws Exception {
        var s = Files.writeString(dir.resolve("m32.s"), """
                	.text
                	.globl	f
                	.type	f, @function
                f:
                	call	g
                	ret
                """);
        var o = dir.resolve("m32.o");
        Gcc.run(List.of("as", "--32", s.toString(), "-o", o.toString()));
        assertTrue(StringTableRenaming.apply(Files.readAllBytes(o), Map.of("f", "hcr.f")).isEmpty(), "ELF32");

        renamer.rename(o, Map.of("f", "hcr.f", "g", "hcr.g"), o);

        var symbols = Gcc.run(List.of("readelf", "-sW", o.toString()));
        assertTrue(symbols.contains("GLOBAL DEFAULT    1 hcr.f"), symbols);
        assertTrue(symbols.contains("GLOBAL DEFAULT  UND hcr.g"), symbols);
        assertTrue(Gcc.run(List.of("readelf", "-h", o.toString())).contains("ELF32"));
    }

    @Test
    void onlyElf64LittleEndianRelocatableObjectsAreRewrittenInProcess() throws Exception {
        var gcc = new Gcc(dir);
        var object = Files.readAllBytes(gcc.object("m", "int f(void) { return 1; }\n"));
        var library = Files.readAllBytes(gcc.sharedLibrary("libm.so", dir.resolve("m.o")));
        var bigEndian = object.clone();
        bigEndian[5] = 2;

        assertTrue(StringTableRenaming.apply(object, Map.of("f", "hcr.f")).isPresent());
        assertTrue(StringTableRenaming.apply(library, Map.of("f", "hcr.f")).isEmpty(), "ET_DYN");
        assertTrue(StringTableRenaming.apply(bigEndian, Map.of("f", "hcr.f")).isEmpty(), "ELFDATA2MSB");
        assertTrue(StringTableRenaming.apply("not ELF".getBytes(), Map.of("f", "hcr.f")).isEmpty());
        assertTrue(StringTableRenaming.apply(java.util.Arrays.copyOf(object, 100), Map.of("f", "hcr.f")).isEmpty(),
                "truncated");
        assertArrayEquals(object, StringTableRenaming.apply(object, Map.of("absent", "hcr.absent")).orElseThrow(),
                "no symbol of the map: the object as it was");
    }

    @Test
    void aFailureNamesTheCommandTheExitCodeAndTheToolsMessage() throws IOException {
        var garbage = Files.writeString(dir.resolve("garbage.o"), "not an object file\n");

        var e = assertThrows(ToolException.class,
                () -> renamer.rename(garbage, Map.of("f", "hcr.f"), dir.resolve("out.o")));

        assertTrue(e.getMessage().startsWith("objcopy --redefine-syms="), e.getMessage());
        assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());
        assertTrue(e.exitCode() != 0);
        assertTrue(e.output().contains("file format not recognized"), e.output());
    }

    @Test
    void aMissingObjectIsNamed() {
        var missing = dir.resolve("missing.o");

        var e = assertThrows(IOException.class, () -> renamer.rename(missing, Map.of("f", "hcr.f"), dir.resolve("out.o")));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    private static final String RICH = """
            #include <stdio.h>
            extern int counter;
            extern int ticks __attribute__((weak));
            static const char *label = "step";
            __attribute__((noinline)) static int helper(int x) { static int calls; calls++; return x + calls; }
            int error(int code) { return code; }
            int step(int x) { printf("%s %d\\n", label, x); return error(helper(x) + counter + (&ticks ? ticks : 0)); }
            int (*hook)(int) = step;
            __attribute__((weak)) int tunable = 3;
            """;
    private static final Map<String, String> RICH_RENAMES = Map.of("step", "hcr.step", "error", "hcr.error",
            "counter", "hcr.counter", "ticks", "hcr.ticks", "hook", "hcr.hook", "tunable", "hcr.tunable.g4");

    /** {@code readelf -s}: type, binding, visibility, section and name of every symbol, in order. */
    private static List<String> symbols(Path object) throws IOException {
        return Gcc.run(List.of("readelf", "-sW", object.toString())).lines()
                .map(String::strip).filter(l -> l.matches("\\d+:.*"))
                .map(l -> l.split("\\s+")).filter(f -> f.length >= 7)
                .map(f -> String.join(" ", java.util.Arrays.asList(f).subList(3, f.length))).toList();
    }

    /** {@code readelf -r}: every relocation's type and symbol, in order. */
    private static List<String> relocations(Path object) throws IOException {
        return Gcc.run(List.of("readelf", "-rW", object.toString())).lines()
                .filter(l -> l.matches("^[0-9a-f]{16} .*"))
                .map(l -> l.split("\\s+")).map(f -> f[2] + " " + (f.length > 4 ? f[4] + " " + f[f.length - 1] : ""))
                .toList();
    }

    @Test
    void aNameWithWhiteSpaceIsRefused() throws IOException {
        var o = new Gcc(dir).object("m", "int f(void) { return 1; }\n");

        assertThrows(IllegalArgumentException.class, () -> renamer.rename(o, Map.of("f", "hcr. f"), o));
    }
}
