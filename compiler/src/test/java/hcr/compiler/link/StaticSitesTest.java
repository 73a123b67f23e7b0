package hcr.compiler.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.elf.Gcc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the in-process link says a library addresses its statics ({@link StaticSites}), on real
 * gcc output at -O0 and -O2: statics read and written from several functions, immediates after
 * the displacement ({@code movl $5, count(%rip)}, {@code addq $1, big+8(%rip)}, a 16-bit store
 * into a struct), arrays indexed and walked to their end, a function static, a static pointer
 * to a static, a global pointer and a const table of pointers. Every site must address its
 * static in the library as written, and the sites must be exactly the relocations ld itself
 * keeps for the same object ({@code -Wl,-q}, each static in an output section of its own), as
 * (function or object, offset inside it) since the two links lay the library out differently.
 */
class StaticSitesTest {
    private static final String SOURCE = """
            static int count;
            static long big[4];
            static int arr[10];
            static int other = 3;
            static int *p = &count;
            static char buf[16];
            static struct { int a; short b; char c[3]; } rec;
            static int *const table[] = { &count, &other };
            int *global_pointer = &count;

            void set5(void) { count = 5; }
            void add_big(void) { big[1] += 1; }
            int get(void) { return count + other; }
            int at(int i) { return arr[i]; }
            void put(int i, int v) { arr[i] = v; }
            int calls(void) { static int calls; return ++calls; }
            int *pointer(void) { return p; }
            void repoint(void) { p = p == &count ? &other : &count; }
            void set_buf(int i) { buf[i] = 5; }
            char get_buf(int i) { return buf[i]; }
            int sum(void) { int s = 0; for (int *q = arr; q < arr + 10; q++) s += *q; return s; }
            void set_rec(void) { rec.b = 7; rec.c[2] = 1; }
            int get_rec(void) { return rec.a + rec.b + rec.c[2]; }
            int *pick(int i) { return table[i]; }
            """;

    private static InProcessLinker linker;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        linker = InProcessLinker.forHost("gcc").orElseThrow(() -> new AssertionError("no in-process linker for gcc here"));
    }

    private Path compile(String source, String name, String... flags) throws IOException {
        var c = dir.resolve(name + ".c");
        Files.writeString(c, source);
        var object = dir.resolve(name + ".o");
        var command = new ArrayList<>(List.of("gcc", "-c", "-fPIC", "-g"));
        command.addAll(List.of(flags));
        command.addAll(List.of(c.toString(), "-o", object.toString()));
        Gcc.run(command);
        return object;
    }

    private InProcessLinker.Outcome link(Path object) throws IOException {
        var outcome = linker.link(Files.readAllBytes(object), "libs.so");
        assertTrue(outcome.linked(), () -> "declined: " + outcome.declined());
        return outcome;
    }

    @ParameterizedTest
    @ValueSource(strings = {"-O0", "-O2"})
    void everySiteAddressesItsStaticAndLdKeepsTheSameRelocations(String level) throws IOException {
        var object = compile(SOURCE, "s" + level.substring(1), level, "-fdata-sections");
        var outcome = link(object);
        var ours = Files.write(dir.resolve("ours" + level + ".so"), outcome.library());
        var statics = outcome.statics();

        assertEquals(Map.of(), statics.unknown(), level);
        var symbols = Symbols.of(ours);
        for (var name : List.of("count", "big", "arr", "other", "buf", "rec", "calls.0", "p")) {
            if (level.equals("-O2") && name.equals("p")) {
                continue; // still there at -O2: p is written by repoint
            }
            assertTrue(statics.of(name) != null && statics.of(name).count() > 0, level + ": no sites of " + name);
        }
        var relative = relativeAddends(ours);
        var image = ByteBuffer.wrap(outcome.library()).order(ByteOrder.LITTLE_ENDIAN);
        for (var entry : statics.known().entrySet()) {
            var s = symbols.named(entry.getKey());
            for (long site : entry.getValue().pc32()) {
                // the operand is the static plus at most its size; the displacement counts from
                // the end of the instruction, which an immediate (up to 4 bytes) may follow
                long target = site + 4 + image.getInt(Math.toIntExact(site));
                assertTrue(target >= s.value() - 4 && target <= s.value() + s.size(),
                        level + ": pc32 site 0x" + Long.toHexString(site) + " of " + s.name() + " points at 0x"
                                + Long.toHexString(target));
            }
            for (long site : entry.getValue().abs64()) {
                var value = relative.get(site);
                assertTrue(value != null && value >= s.value() && value <= s.value() + s.size(),
                        level + ": abs64 site 0x" + Long.toHexString(site) + " of " + s.name() + ": " + value);
            }
        }
        var expected = ldSites(object, level);
        assertTrue(expected.values().stream().mapToInt(Integer::intValue).sum() >= 20, level + ": " + expected);
        assertEquals(expected, placed(statics, symbols), level);
    }

    @Test
    void theImmediateAfterTheDisplacementIsInTheAddendNotInTheSite() throws IOException {
        var outcome = link(compile(SOURCE, "s", "-O2", "-fdata-sections"));
        var symbols = Symbols.of(Files.write(dir.resolve("s.so"), outcome.library()));
        var image = ByteBuffer.wrap(outcome.library()).order(ByteOrder.LITTLE_ENDIAN);
        // set5: movl $5, count(%rip) = c7 05 <disp32> <imm32>: the site is the disp32
        var set5 = symbols.named("set5");
        long site = outcome.statics().of("count").pc32().stream()
                .filter(at -> at >= set5.value() && at < set5.value() + set5.size()).findFirst().orElseThrow();
        assertEquals(0x05c7, image.getShort(Math.toIntExact(site - 2)) & 0xffff);
        assertEquals(5, image.getInt(Math.toIntExact(site + 4)));
        assertEquals(symbols.named("count").value(), site + 8 + image.getInt(Math.toIntExact(site)));
    }

    @Test
    void staticsSharingASectionHaveNoSites() throws IOException {
        var outcome = link(compile(SOURCE, "shared", "-O0"));
        var statics = outcome.statics();

        assertNull(statics.of("count"));
        assertTrue(statics.unknown().get("count").startsWith("shares section .bss with "), statics.unknown().toString());
        // other is alone in .data: the only static with an initialiser and no pointer
        assertEquals(java.util.Set.of("other"), statics.known().keySet());
    }

    @Test
    void aLibraryLinkedByTheDriverKnowsNoSites() {
        assertEquals(0, StaticSites.NONE.count());
        assertNull(StaticSites.NONE.of("count"));
        assertFalse(StaticSites.NONE.known().containsKey("count"));
    }

    /** Each site as "static pc32|abs64 symbol+offset", from our sites and our library's symbols. */
    private static TreeMap<String, Integer> placed(StaticSites statics, Symbols symbols) {
        var placed = new TreeMap<String, Integer>();
        statics.known().forEach((name, sites) -> {
            sites.pc32().forEach(at -> placed.merge(name + " pc32 " + symbols.around(at), 1, Integer::sum));
            sites.abs64().forEach(at -> placed.merge(name + " abs64 " + symbols.around(at), 1, Integer::sum));
        });
        return placed;
    }

    /**
     * The same, from ld: the object linked with {@code -Wl,-q} (its relocations kept, at their
     * final addresses) and each static's section in an output section of its own, so every
     * relocation still names the static's section.
     */
    private TreeMap<String, Integer> ldSites(Path object, String level) throws IOException {
        var library = dir.resolve("ld" + level + ".so");
        Gcc.run(List.of("gcc", "-shared", "-o", library.toString(), object.toString(), "-Wl,-q",
                "-Wl,--unique=.bss.*", "-Wl,--unique=.data.*"));
        var symbols = Symbols.of(library);
        var placed = new TreeMap<String, Integer>();
        String section = "";
        for (var line : Gcc.run(List.of("readelf", "-rW", library.toString())).split("\n")) {
            if (line.startsWith("Relocation section")) {
                section = line.split("'")[1];
                continue;
            }
            var f = line.trim().split("\\s+");
            if (f.length < 5 || section.startsWith(".rela.debug") || section.equals(".rela.eh_frame")
                    || section.equals(".rela.dyn") || section.equals(".rela.plt")) {
                continue;
            }
            var name = staticOf(f[4]);
            if (name == null) {
                continue;
            }
            var kind = switch (f[2]) {
                case "R_X86_64_PC32", "R_X86_64_PLT32" -> "pc32";
                case "R_X86_64_64" -> "abs64";
                default -> throw new AssertionError("relocation " + line);
            };
            placed.merge(name + " " + kind + " " + symbols.around(Long.parseUnsignedLong(f[0], 16)), 1, Integer::sum);
        }
        return placed;
    }

    /** The static whose -fdata-sections section a relocation names, or null for anything else. */
    private static String staticOf(String symbol) {
        for (var prefix : List.of(".data.rel.local.", ".bss.", ".data.")) {
            if (symbol.startsWith(prefix) && !symbol.startsWith(".data.rel.ro")) {
                var name = symbol.substring(prefix.length());
                return name.equals("global_pointer") ? null : name;
            }
        }
        return null;
    }

    /** {@code .rela.dyn}'s RELATIVE entries: where, and the address written there. */
    private static Map<Long, Long> relativeAddends(Path library) throws IOException {
        var relative = new HashMap<Long, Long>();
        boolean dyn = false;
        for (var line : Gcc.run(List.of("readelf", "-rW", library.toString())).split("\n")) {
            if (line.startsWith("Relocation section")) {
                dyn = line.contains("'.rela.dyn'");
                continue;
            }
            var f = line.trim().split("\\s+");
            if (dyn && f.length >= 4 && f[2].equals("R_X86_64_RELATIVE")) {
                relative.put(Long.parseUnsignedLong(f[0], 16), Long.parseUnsignedLong(f[3], 16));
            }
        }
        return relative;
    }

    /** A library's functions and objects from its {@code .symtab}. */
    private record Symbols(List<Symbol> all) {
        record Symbol(String name, long value, long size) {
        }

        static Symbols of(Path library) throws IOException {
            var all = new ArrayList<Symbol>();
            boolean symtab = false;
            for (var line : Gcc.run(List.of("readelf", "-sW", library.toString())).split("\n")) {
                if (line.contains("'.symtab'")) {
                    symtab = true;
                }
                var f = line.trim().split("\\s+");
                if (symtab && f.length >= 8 && (f[3].equals("FUNC") || f[3].equals("OBJECT"))) {
                    all.add(new Symbol(f[7], Long.parseUnsignedLong(f[1], 16), Long.parseLong(f[2])));
                }
            }
            return new Symbols(all);
        }

        Symbol named(String name) {
            return all.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no symbol " + name));
        }

        /** {@code name+offset} of the function or object holding {@code address}. */
        String around(long address) {
            var holders = new TreeSet<String>();
            for (var s : all) {
                if (address >= s.value() && address < s.value() + Math.max(1, s.size())) {
                    holders.add(s.name() + "+" + (address - s.value()));
                }
            }
            if (holders.size() != 1) {
                throw new AssertionError("0x" + Long.toHexString(address) + " lies in " + holders);
            }
            return holders.first();
        }
    }
}
