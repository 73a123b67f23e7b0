package hcr.compiler.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import hcr.compiler.elf.Gcc;
import hcr.compiler.elf.ObjectSymbols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layout changes between two versions of a module, each compiled by the real gcc as the compiler
 * compiles modules ({@code -fPIC -g}, at {@code -O0} and at {@code -O2 -fdata-sections}), read back
 * with readelf: fields swapped, retyped at the same size, renamed, a nested struct changed, a union
 * member retyped, a struct that gains a field, statics, and nothing at all when only code changed.
 */
class LayoutComparisonTest {

    @TempDir
    Path temp;

    private final DebugLayouts layouts = new DebugLayouts();
    private int versions;

    private static final String PARTICLE = """
            struct vec { float x, y; };
            struct particle { struct vec pos; %s };
            struct particle world;
            struct particle *spawn(void) { static struct particle pool[2]; return &pool[0]; }
            int step(int t) { world.pos.x += (float) t; return %s; }
            """;

    @Test
    void two_fields_swapped_at_the_same_size_name_both_offsets() throws IOException {
        var changes = compare(PARTICLE.formatted("float vx; int n;", "t + 1"),
                PARTICLE.formatted("int n; float vx;", "t + 1"));
        assertEquals(List.of(
                "GLOBAL sim world: n: offset 12 → 8, vx: offset 8 → 12",
                "STATIC sim pool.0: [].n: offset 12 → 8, [].vx: offset 8 → 12",
                "TYPE sim struct particle: n: offset 12 → 8, vx: offset 8 → 12"), lines(changes));
        assertEquals("'world' (module sim) changed layout (n: offset 12 → 8, vx: offset 8 → 12): fresh storage",
                changes.get(0).message());
    }

    @Test
    void a_field_retyped_at_the_same_size_names_both_types() throws IOException {
        var changes = compare(PARTICLE.formatted("float vx; int n;", "t"), PARTICLE.formatted("float vx; float n;", "t"));
        assertEquals(List.of(
                "GLOBAL sim world: n: int → float",
                "STATIC sim pool.0: [].n: int → float",
                "TYPE sim struct particle: n: int → float"), lines(changes));
    }

    @Test
    void a_field_renamed_in_place_is_a_rename() throws IOException {
        var changes = compare(PARTICLE.formatted("float vx; int n;", "t"), PARTICLE.formatted("float vx; int count;", "t"));
        assertEquals("n: renamed count", changes.get(0).summary());
        assertEquals(LayoutChange.Kind.GLOBAL, changes.get(0).kind());
    }

    @Test
    void a_nested_struct_changed_is_named_by_its_path() throws IOException {
        var before = PARTICLE.formatted("float vx;", "t");
        var after = before.replace("struct vec { float x, y; };", "struct vec { float y, x; };");
        var changes = compare(before, after);
        assertEquals(List.of(
                "GLOBAL sim world: pos.y: offset 4 → 0, pos.x: offset 0 → 4",
                "STATIC sim pool.0: [].pos.y: offset 4 → 0, [].pos.x: offset 0 → 4",
                "TYPE sim struct particle: pos.y: offset 4 → 0, pos.x: offset 0 → 4",
                "TYPE sim struct vec: y: offset 4 → 0, x: offset 0 → 4"), lines(changes));
    }

    @Test
    void a_union_member_retyped_is_found() throws IOException {
        var before = "union value { int i; float f; }; union value v; int get(void) { return v.i; }";
        var after = "union value { int i; unsigned f; }; union value v; int get(void) { return v.i; }";
        assertEquals(List.of("GLOBAL sim v: f: float → unsigned int", "TYPE sim union value: f: float → unsigned int"),
                lines(compare(before, after)));
    }

    @Test
    void a_heap_struct_that_gains_a_field_is_a_type_change_only() throws IOException {
        var before = """
                #include <stdlib.h>
                struct node { int value; struct node *next; };
                struct node *push(struct node *list, int v) {
                    struct node *n = malloc(sizeof *n); n->value = v; n->next = list; return n;
                }
                """;
        var after = before.replace("int value;", "int value; long stamp;");
        var changes = compare(before, after);
        assertEquals(List.of("TYPE sim struct node: next: offset 8 → 16, stamp: added at offset 8"), lines(changes));
        assertEquals("struct node changed layout (next: offset 8 → 16, stamp: added at offset 8)",
                changes.get(0).message());
    }

    @Test
    void only_a_function_changed_is_no_change() throws IOException {
        assertEquals(List.of(), compare(PARTICLE.formatted("float vx; int n;", "t + 1"),
                PARTICLE.formatted("float vx; int n;", "t * 2 + 7")));
    }

    @Test
    void a_typedef_of_an_anonymous_struct_is_known_by_its_name() throws IOException {
        var before = "typedef struct { int a; char b; } pair_t; pair_t pair; int get(void) { return pair.a; }";
        var after = "typedef struct { char b; int a; } pair_t; pair_t pair; int get(void) { return pair.a; }";
        assertEquals(List.of("GLOBAL sim pair: b: offset 4 → 0, a: offset 0 → 4", "TYPE sim pair_t: b: offset 4 → 0, a: offset 0 → 4"),
                lines(compare(before, after)));
    }

    @Test
    void a_resized_global_is_left_to_the_size_check() throws IOException {
        var before = "struct s { int a; }; struct s g; int get(void) { return g.a; }";
        var after = "struct s { int a; int b; }; struct s g; int get(void) { return g.a; }";
        assertEquals(List.of("TYPE sim struct s: b: added at offset 4"), lines(compare(before, after)));
    }

    /**
     * At {@code -O2 -fdata-sections} every static sits alone at offset 0 of its section: two
     * function-statics of one name are told apart by layout as a whole, a file-static by its name.
     */
    @Test
    void statics_of_an_optimised_module_with_data_sections() throws IOException {
        var before = """
                struct counter { long hits; int last; };
                static struct counter seen;
                long a(int x) { static struct counter calls; calls.hits++; calls.last = x; seen.hits++; return calls.hits; }
                long b(int x) { static struct counter calls; calls.hits += 2; calls.last = x; return calls.hits + seen.last; }
                """;
        var after = before.replace("struct counter { long hits; int last; };", "struct counter { long last; int hits; };");
        var flags = List.of("-O2", "-fdata-sections", "-ffunction-sections");
        var changes = lines(compare(before, after, flags));
        assertEquals(List.of(
                "STATIC sim calls.N: one of 2 statics of that name changed layout",
                "STATIC sim calls.N: one of 2 statics of that name changed layout",
                "STATIC sim seen: last: offset 8 → 0, last: int → long int, hits: offset 0 → 8, hits: long int → int",
                "TYPE sim struct counter: last: offset 8 → 0, last: int → long int, hits: offset 0 → 8, hits: long int → int"),
                normalised(changes));
        assertEquals("static 'seen' (module sim) changed layout (last: offset 8 → 0, last: int → long int, hits: offset 0 → 8,"
                + " and 1 more): reset", compare(before, after, flags).get(2).message());
    }

    @Test
    void an_unchanged_file_is_read_once() throws IOException {
        var object = compile("int counter; int get(void) { return counter; }", List.of("-O0"));
        assertSame(layouts.of(object), layouts.of(object));
    }

    /** Function-static numbers are gcc's (.0, .1 or .2): the lines with {@code calls.N}. */
    private static List<String> normalised(List<String> lines) {
        return lines.stream().map(line -> line.replaceAll("calls\\.\\d+", "calls.N")).toList();
    }

    private List<LayoutChange> compare(String before, String after) throws IOException {
        return compare(before, after, List.of("-O0"));
    }

    private List<LayoutChange> compare(String before, String after, List<String> flags) throws IOException {
        var old = compile(before, flags);
        var now = compile(after, flags);
        return LayoutComparison.between("sim", layouts.of(old), layouts.of(now), statics(old), statics(now));
    }

    private static List<StaticSymbol> statics(Path object) throws IOException {
        return ObjectSymbols.read(object).writableStatics().stream()
                .map(s -> new StaticSymbol(s.name(), s.value(), s.size())).toList();
    }

    private Path compile(String source, List<String> flags) throws IOException {
        var dir = Files.createDirectories(temp.resolve("v" + ++versions));
        var c = dir.resolve("sim.c");
        Files.writeString(c, source);
        var object = dir.resolve("sim.o");
        var command = new ArrayList<>(List.of("gcc", "-std=gnu11", "-c", "-fPIC", "-g"));
        command.addAll(flags);
        command.addAll(List.of("-o", object.toString(), c.toString()));
        Gcc.run(command);
        return object;
    }

    private static List<String> lines(List<LayoutChange> changes) {
        return changes.stream().map(c -> c.kind() + " " + c.module() + " " + c.name() + ": " + String.join(", ", c.differences()))
                .toList();
    }
}
