package hcr.compiler.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectSymbolsTest {
    @TempDir
    Path dir;

    private static final String SIM = """
            #include <stdio.h>
            #include <math.h>
            int counter = 3;
            double table[16];
            const int limits[4] = {1, 2, 3, 4};
            static int count;
            static const int squares[3] = {0, 1, 4};
            extern int other_global;
            int other_function(int);
            extern void maybe(void) __attribute__((weak));
            __attribute__((weak)) int tunable = 7;
            int step(int x) {
                static int calls;
                calls++;
                count += squares[x % 3];
                if (maybe) maybe();
                printf("%f\\n", sin(x));
                return other_function(x) + other_global + calls + count;
            }
            static int helper(void) { return counter; }
            int (*keep)(void) = helper;
            """;

    private Map<String, ElfSymbol> byName(Iterable<ElfSymbol> symbols) {
        var map = new java.util.LinkedHashMap<String, ElfSymbol>();
        symbols.forEach(s -> map.put(s.name(), s));
        return map;
    }

    @Test
    void definedGlobalsAreTheFunctionsAndGlobalVariablesWithSizes() throws IOException {
        var symbols = ObjectSymbols.read(new Gcc(dir).object("sim", SIM));
        var defined = byName(symbols.definedGlobals());

        assertEquals(Set.of("counter", "table", "limits", "tunable", "step", "keep"), defined.keySet());
        assertEquals(SymbolKind.FUNCTION, defined.get("step").kind());
        assertEquals(SymbolKind.OBJECT, defined.get("table").kind());
        assertEquals(128, defined.get("table").size());
        assertEquals(4, defined.get("counter").size());
        assertTrue(defined.get("counter").writable());
        assertTrue(defined.get("table").writable(), "zero-initialised .bss is writable");
        assertFalse(defined.get("limits").writable(), "a const global lives in .rodata");
        assertFalse(defined.get("step").writable());
        assertTrue(defined.values().stream().allMatch(s -> s.global() && s.defined()));
        assertEquals(Set.of("tunable"), symbols.weakDefinitions());
    }

    @Test
    void undefinedReferencesLeaveOutLinkerNamesAndKnowWhichAreWeak() throws IOException {
        var symbols = ObjectSymbols.read(new Gcc(dir).object("sim", SIM));

        assertTrue(symbols.undefined().containsAll(Set.of("other_global", "other_function", "maybe", "printf", "sin")),
                symbols.undefined().toString());
        assertFalse(symbols.undefined().contains("_GLOBAL_OFFSET_TABLE_"));
        assertFalse(symbols.undefined().contains("step"));
        assertFalse(symbols.requiredUndefined().contains("maybe"), "a weak reference may stay unresolved");
        assertTrue(symbols.requiredUndefined().contains("other_function"));
    }

    @Test
    void writableStaticsAreFileAndFunctionStaticsButNotConstTables() throws IOException {
        var symbols = ObjectSymbols.read(new Gcc(dir).object("sim", SIM));
        var statics = byName(symbols.writableStatics());

        assertEquals(Set.of("count", "calls.0"), statics.keySet(), statics.toString());
        assertEquals(4, statics.get("calls.0").size());
        assertTrue(statics.values().stream().noneMatch(ElfSymbol::global));
    }

    @Test
    void staticsOfASharedLibraryCarryTheirAddressInTheLibrary() throws IOException {
        var gcc = new Gcc(dir);
        var so = gcc.sharedLibrary("libsim.g1.so", gcc.object("sim", SIM));
        var symbols = ObjectSymbols.read(so);
        var statics = byName(symbols.writableStatics());

        assertEquals(Set.of("count", "calls.0"), statics.keySet(), "not crtstuff's completed.0: " + statics);
        assertTrue(symbols.undefined().containsAll(Set.of("printf", "sin", "other_function")), symbols.undefined().toString());
        assertTrue(symbols.undefined().stream().noneMatch(name -> name.contains("@")), "no symbol versions");
        assertTrue(byName(symbols.definedGlobals()).keySet().containsAll(Set.of("step", "counter")));
        assertTrue(statics.get("count").value() > 0, "st_value is an address in the .so");
        var nm = Gcc.run(java.util.List.of("nm", so.toString()));
        var expected = String.format("%016x b count", statics.get("count").value());
        assertTrue(nm.contains(expected), "nm agrees: " + expected + "\n" + nm);
    }

    @Test
    void localObjectsAreEveryLocalVariableWithValueAndSizeWhateverItsSection() throws IOException {
        var gcc = new Gcc(dir);
        var so = gcc.sharedLibrary("libsim.g1.so", gcc.object("sim", SIM
                + "static void hook(void) {}\n__attribute__((used)) static void (*const hcr__init__hook)(void) = hook;\n"));
        var locals = byName(ObjectSymbols.read(so).localObjects());

        assertTrue(locals.keySet().containsAll(Set.of("count", "calls.0", "squares", "hcr__init__hook", "completed.0")),
                locals.keySet().toString());
        assertFalse(locals.containsKey("hook"), "a function is not an object");
        assertEquals(12, locals.get("squares").size());
        assertFalse(locals.get("squares").writable());
        assertEquals(8, locals.get("hcr__init__hook").size());
        var readelf = Gcc.run(java.util.List.of("readelf", "-sW", so.toString()));
        assertTrue(readelf.lines().anyMatch(l -> l.matches("\\s*\\d+: 0*" + Long.toHexString(locals.get("hcr__init__hook")
                .value()) + "\\s+8 OBJECT\\s+LOCAL .* hcr__init__hook")), readelf);
    }

    @Test
    void aTentativeDefinitionUnderFcommonIsAWritableGlobal() throws IOException {
        var c = dir.resolve("common.c");
        Files.writeString(c, "int shared_counter;\n");
        var o = dir.resolve("common.o");
        Gcc.run(java.util.List.of("gcc", "-c", "-fPIC", "-fcommon", "-o", o.toString(), c.toString()));

        var defined = byName(ObjectSymbols.read(o).definedGlobals());

        assertEquals(4, defined.get("shared_counter").size());
        assertTrue(defined.get("shared_counter").writable());
    }

    @Test
    void aFileThatIsNotElfIsReportedByName() throws IOException {
        var bogus = Files.writeString(dir.resolve("bogus.o"), "this is not an object file");

        var e = assertThrows(IOException.class, () -> ObjectSymbols.read(bogus));

        assertTrue(e.getMessage().contains(bogus.toString()), e.getMessage());
    }

    @Test
    void aMissingFileIsReportedByName() {
        var missing = dir.resolve("missing.o");

        var e = assertThrows(IOException.class, () -> ObjectSymbols.read(missing));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aTruncatedObjectIsReportedByName() throws IOException {
        var o = new Gcc(dir).object("sim", SIM);
        var bytes = Files.readAllBytes(o);
        var truncated = Files.write(dir.resolve("truncated.o"), java.util.Arrays.copyOf(bytes, 200));

        var e = assertThrows(IOException.class, () -> ObjectSymbols.read(truncated));

        assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());
    }
}
