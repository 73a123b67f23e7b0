package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.elf.Gcc;
import hcr.compiler.link.InProcessLinker;
import hcr.compiler.link.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The functions old versions forward through (issue 10), as gcc 12 makes them with the flags
 * the compiler adds ({@code -fpatchable-function-entry=9,7 -falign-functions=16}): every
 * function with a body has an entry (clones {@code .part.N}, {@code .isra.N},
 * {@code .constprop.N} too), a static inlined everywhere has none, a {@code .cold} part is no
 * entry; the padding is 16-byte aligned, 7 NOPs then the function, whose entry starts with 2
 * NOPs (after {@code endbr64} under {@code -fcf-protection}). The in-process link takes such
 * objects, and the entries' offsets are those of the library, linked either way.
 */
class FunctionEntriesTest {
    private static final String SOURCE = """
            #include <stdio.h>
            #include <stdlib.h>
            struct big { int a[16]; };
            typedef int (*op)(int);
            static int add(int x) { return x + 1; }
            static int mul(int x) { return x * 2; }
            static const op table[] = { add, mul };
            op pick(int i) { return table[i]; }
            static int __attribute__((noinline)) isra(struct big *b) { return b->a[3] * 7 + b->a[5]; }
            int use_isra(struct big *b) { return isra(b) + 1; }
            static int __attribute__((noinline)) cp(int x, int y) { return x * y + x; }
            int use_cp(int x) { return cp(x, 3) + cp(x + 1, 3); }
            static int once(int x) { return x * 9; }
            int use_once(int x) { return once(x) + 2; }
            static void part(int *p, int n) {
                if (!p) return;
                for (int i = 0; i < n; i++) {
                    p[i] = p[i] * 3 + i;
                    if (p[i] > 1000) { fprintf(stderr, "big %d\\n", p[i]); abort(); }
                }
                printf("%d\\n", p[0]);
            }
            void use_part(int *p, int n) { part(p, n); part(p + 1, n); }
            void use_part2(int *p) { part(p, 5); }
            int hot(int *p, int n) {
                int s = 0;
                for (int i = 0; i < n; i++) {
                    if (__builtin_expect(p[i] < 0, 0)) { fprintf(stderr, "negative %d\\n", i); exit(3); }
                    s += p[i];
                }
                return s;
            }
            """;

    @TempDir
    Path dir;

    private Path compile(String name, String... flags) throws IOException {
        var c = dir.resolve(name + ".c");
        Files.writeString(c, SOURCE);
        var o = dir.resolve(name + ".o");
        var command = new ArrayList<>(List.of("gcc", "-c", "-fPIC", "-g", "-fdata-sections"));
        command.addAll(List.of(flags));
        command.addAll(ModuleCompiler.FORWARDING);
        command.addAll(List.of(c.toString(), "-o", o.toString()));
        Gcc.run(command);
        return o;
    }

    /** Every FUNC symbol of the library's .symtab, name to value, from nm. */
    private static Map<String, Long> functions(Path library) throws IOException {
        var functions = new TreeMap<String, Long>();
        for (var line : Gcc.run(List.of("nm", "-P", "--defined-only", library.toString())).split("\n")) {
            var f = line.split(" ");
            if (f.length >= 3 && (f[1].equals("t") || f[1].equals("T"))) {
                functions.put(f[0], Long.parseUnsignedLong(f[2], 16));
            }
        }
        return functions;
    }

    private static Map<String, Long> byName(List<Manifest.Entry> entries) {
        var named = new HashMap<String, Long>();
        entries.forEach(e -> {
            assertEquals("m", e.moduleId());
            named.put(e.name(), e.offset());
        });
        assertEquals(entries.size(), named.size(), "each name once: " + entries);
        return named;
    }

    @ParameterizedTest
    @ValueSource(strings = {"-O0", "-O2", "-O2 -ffunction-sections", "-O2 -fcf-protection",
        "-O2 -ffunction-sections -fcf-protection", "-Os"})
    void everyFunctionWithABodyHasAPaddedEntryAtItsLibraryOffset(String flags) throws IOException {
        var object = compile("m", flags.split(" "));
        var linked = InProcessLinker.forHost("gcc").orElseThrow().link(Files.readAllBytes(object), "libm.g1.so");
        var libraries = new ArrayList<Path>();
        if (flags.contains("-fcf-protection")) {
            // its .note.gnu.property is left to ld, whatever the entries
            assertFalse(linked.linked() && linked.declined() != null);
        } else {
            assertTrue(linked.linked(), () -> flags + ": declined: " + linked.declined());
        }
        if (linked.linked()) {
            libraries.add(Files.write(dir.resolve("ours.so"), linked.library()));
        } else {
            assertFalse(linked.declined().contains("patchable"), linked.declined());
        }
        var theirs = dir.resolve("ld.so");
        Gcc.run(List.of("gcc", "-shared", "-o", theirs.toString(), "-Wl,-soname,libm.g1.so", object.toString()));
        libraries.add(theirs);
        for (var library : libraries) {
            var entries = byName(FunctionEntries.of("m", Files.readAllBytes(object), Files.readAllBytes(library)));
            var functions = functions(library);
            for (var name : List.of("pick", "add", "mul", "use_isra", "use_cp", "use_once", "use_part", "use_part2",
                    "hot")) {
                assertEquals(functions.get(name), entries.get(name), flags + ": " + name + " in " + library);
            }
            assertFalse(entries.containsKey("once") && !flags.equals("-O0"), flags + ": once is inlined: " + entries);
            entries.keySet().forEach(name -> assertFalse(name.contains(".cold"), flags + ": " + name));
            if (flags.startsWith("-O2")) {
                for (var clone : List.of("isra.isra.0", "cp.constprop.0", "part.part.0")) {
                    assertEquals(functions.get(clone), entries.get(clone), flags + ": the clone " + clone);
                }
            }
            // every function of the library that is an entry has gcc's padding in the file
            var bytes = Files.readAllBytes(library);
            for (var entry : entries.entrySet()) {
                assertPadded(bytes, library, entry.getKey(), entry.getValue(), flags);
            }
            assertEquals(functions.keySet().stream().filter(n -> !n.contains(".cold") && !n.startsWith("_")
                            && !List.of("deregister_tm_clones", "register_tm_clones", "frame_dummy").contains(n))
                    .sorted().toList(), entries.keySet().stream().sorted().toList(), flags + ": every function");
        }
    }

    /** 16-aligned padding of 7 NOPs, then 2 NOPs at the entry (after endbr64 when there is one). */
    private static void assertPadded(byte[] library, Path file, String name, long offset, String flags)
            throws IOException {
        long fileOffset = fileOffset(file, offset);
        int at = (int) fileOffset;
        if (!flags.equals("-Os")) { // -Os drops -falign-functions: the runtime then finds room or skips the entry
            assertEquals(0, (offset - 7) % 16, flags + ": " + name + "'s padding is 16-byte aligned");
        }
        for (int i = at - 7; i < at; i++) {
            assertEquals((byte) 0x90, library[i], flags + ": " + name + " padding");
        }
        int nop = at;
        if (library[at] == (byte) 0xf3 && library[at + 1] == 0x0f && library[at + 2] == 0x1e && library[at + 3] == (byte) 0xfa) {
            assertTrue(flags.contains("cf-protection"), name + " has endbr64");
            nop = at + 4;
        }
        assertEquals((byte) 0x90, library[nop], flags + ": " + name + " entry NOP");
        assertEquals((byte) 0x90, library[nop + 1], flags + ": " + name + " entry NOP");
    }

    /** Where the library's virtual address lies in its file, from its program headers (readelf). */
    private static long fileOffset(Path library, long address) throws IOException {
        for (var line : Gcc.run(List.of("readelf", "-lW", library.toString())).split("\n")) {
            var f = line.trim().split("\\s+");
            if (f.length >= 6 && f[0].equals("LOAD")) {
                long offset = Long.decode(f[1]);
                long vaddr = Long.decode(f[2]);
                long filesz = Long.decode(f[4]);
                if (address >= vaddr && address < vaddr + filesz) {
                    return address - vaddr + offset;
                }
            }
        }
        throw new AssertionError(address + " is in no segment of " + library);
    }

    @Test
    void anObjectWithoutPatchableEntriesHasNone() throws IOException {
        var c = dir.resolve("plain.c");
        Files.writeString(c, "int f(int x) { return x + 1; }\n");
        var o = dir.resolve("plain.o");
        Gcc.run(List.of("gcc", "-c", "-fPIC", "-O2", c.toString(), "-o", o.toString()));
        var so = dir.resolve("plain.so");
        Gcc.run(List.of("gcc", "-shared", "-o", so.toString(), o.toString()));
        assertEquals(List.of(), FunctionEntries.of("m", Files.readAllBytes(o), Files.readAllBytes(so)));
        assertEquals(List.of(), FunctionEntries.of("m", new byte[] {1, 2, 3}, Files.readAllBytes(so)));
    }
}
