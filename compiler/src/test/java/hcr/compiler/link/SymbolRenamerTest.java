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
    void aFailureNamesTheCommandTheExitCodeAndTheToolsMessage() {
        var missing = dir.resolve("missing.o");

        var e = assertThrows(ToolException.class,
                () -> renamer.rename(missing, Map.of("f", "hcr.f"), dir.resolve("out.o")));

        assertTrue(e.getMessage().startsWith("objcopy --redefine-syms="), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.exitCode() != 0);
        assertTrue(e.output().contains("No such file"), e.output());
    }

    @Test
    void aNameWithWhiteSpaceIsRefused() throws IOException {
        var o = new Gcc(dir).object("m", "int f(void) { return 1; }\n");

        assertThrows(IllegalArgumentException.class, () -> renamer.rename(o, Map.of("f", "hcr. f"), o));
    }
}
