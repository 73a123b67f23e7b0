package hcr.compiler.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.testsupport.RequiredTool;
import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.BuildReport;
import hcr.compiler.Builder;
import hcr.compiler.Generation;
import hcr.compiler.ModuleState;
import hcr.compiler.elf.Gcc;
import hcr.compiler.link.Manifest;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Types read from the debug info of real libraries: the {@code globals} fixture built by the real
 * Builder, and a C file with one global of every shape of declarator compiled by gcc as the
 * compiler compiles modules ({@code -fPIC -g -O0}).
 */
class GlobalTypesTest {

    @TempDir
    Path temp;

    private static final String SHAPES = """
            #include <stdint.h>
            #include <stddef.h>
            struct node { struct node *next; int value; };
            union number { int i; float f; };
            enum sign { NEG = -1, ZERO, POS };
            enum big { HUGE = 0xffffffffffffffffUL };
            typedef struct { char tag; } anon_t;
            typedef int (*compare_fn)(const void *, const void *);
            uint64_t u64 = 1;
            size_t count = 2;
            int8_t i8 = -3;
            signed char sc = -4;
            char letter = 'A';
            unsigned short us = 5;
            long long ll = -6;
            struct node head;
            union number num;
            enum sign sign = NEG;
            enum big big = HUGE;
            anon_t anon;
            compare_fn compare;
            void (*handler)(int, char *);
            int (*variadic)(const char *, ...);
            int (*pointer_to_array)[3];
            char *strings[4];
            const char *const names[2] = { "a", "b" };
            int matrix[2][3];
            long double precise = 1.0L;
            volatile unsigned int ticks;
            void *opaque;
            const volatile int *const gauge = 0;
            _Thread_local int per_thread;
            static int hidden;
            int use_hidden(void) { static int calls; return hidden + calls++; }
            """;

    @Test
    void every_global_of_the_globals_fixture_has_its_c_type() throws IOException {
        var generation = publish(fixture("globals"));
        var types = new GlobalTypes().inGeneration(generation.dir());

        var vars = new LinkedHashMap<String, GlobalType>();
        vars.put("counter", new GlobalType("int", ValueKind.SIGNED_INTEGER, 4));
        vars.put("small", new GlobalType("unsigned char", ValueKind.UNSIGNED_INTEGER, 1));
        vars.put("ratio", new GlobalType("double", ValueKind.FLOAT, 8));
        vars.put("scale", new GlobalType("float", ValueKind.FLOAT, 4));
        vars.put("enabled", new GlobalType("_Bool", ValueKind.BOOL, 1));
        vars.put("label", new GlobalType("char[16]", ValueKind.BYTES, 16));
        vars.put("origin", new GlobalType("struct point", ValueKind.BYTES, 8));
        vars.put("cursor", new GlobalType("int *", ValueKind.POINTER, 8));
        vars.put("limit", new GlobalType("const int", ValueKind.SIGNED_INTEGER, 4));
        vars.put("mode", new GlobalType("enum mode", ValueKind.UNSIGNED_INTEGER, 4, Map.of(
                BigInteger.ZERO, "MODE_IDLE", BigInteger.valueOf(5), "MODE_RUN", BigInteger.valueOf(9), "MODE_DONE")));
        assertEquals(Map.of("vars", new java.util.TreeMap<>(vars)), types);
        assertEquals(List.of("MODE_IDLE", "MODE_RUN", "MODE_DONE"),
                List.copyOf(types.get("vars").get("mode").enumerators().values()), "declaration order");
    }

    @Test
    void statics_are_found_by_their_address_with_the_name_and_function_that_declare_them() throws IOException {
        var generation = publish(fixture("globals"));
        var manifest = Manifest.read(generation.dir().resolve("manifest"));
        var library = generation.dir().resolve(manifest.modules().stream()
                .filter(m -> m.id().equals("vars")).findFirst().orElseThrow().file());
        var types = new GlobalTypes();

        var found = new TreeMap<String, String>();
        for (var s : manifest.statics()) {
            var type = types.ofStatic(library, s.name(), s.offset(), s.size());
            found.put(s.name(), type.qualifiedName() + ": " + type.type().text() + " " + type.type().kind());
        }
        assertEquals(Map.of("steps", "steps: long int SIGNED_INTEGER", "calls.0", "vars_step::calls: int SIGNED_INTEGER"),
                found, "the manifest's statics of vars, typed by address");
        assertEquals(new StaticType("calls", "", GlobalType.unknown(4)), types.ofStatic(library, "calls@g5", 1, 4),
                "an address the debug info does not describe: the symbol without hcr's @gN, unknown type");
    }

    @Test
    void declarators_are_spelled_as_c_declares_them() throws IOException {
        var library = library("shapes", SHAPES);
        var types = new GlobalTypes().inLibrary(library);

        var expected = new LinkedHashMap<String, String>();
        expected.put("u64", "uint64_t UNSIGNED_INTEGER 8");
        expected.put("count", "size_t UNSIGNED_INTEGER 8");
        expected.put("i8", "int8_t SIGNED_INTEGER 1");
        expected.put("sc", "signed char SIGNED_INTEGER 1");
        expected.put("letter", "char SIGNED_INTEGER 1");
        expected.put("us", "short unsigned int UNSIGNED_INTEGER 2");
        expected.put("ll", "long long int SIGNED_INTEGER 8");
        expected.put("head", "struct node BYTES 16");
        expected.put("num", "union number BYTES 4");
        expected.put("sign", "enum sign SIGNED_INTEGER 4");
        expected.put("big", "enum big UNSIGNED_INTEGER 8");
        expected.put("anon", "anon_t BYTES 1");
        expected.put("compare", "compare_fn POINTER 8");
        expected.put("handler", "void (*)(int, char *) POINTER 8");
        expected.put("variadic", "int (*)(const char *, ...) POINTER 8");
        expected.put("pointer_to_array", "int (*)[3] POINTER 8");
        expected.put("strings", "char *[4] BYTES 32");
        expected.put("names", "const char *const [2] BYTES 16");
        expected.put("matrix", "int[2][3] BYTES 24");
        expected.put("precise", "long double BYTES 16");
        expected.put("ticks", "volatile unsigned int UNSIGNED_INTEGER 4");
        expected.put("opaque", "void * POINTER 8");
        expected.put("gauge", "const volatile int *const POINTER 8");
        expected.put("per_thread", "int SIGNED_INTEGER 4");
        var actual = new LinkedHashMap<String, String>();
        types.forEach((name, type) -> actual.put(name, type.text() + " " + type.kind() + " " + type.size()));
        assertEquals(new java.util.TreeMap<>(expected), actual, "statics (hidden, calls) are not globals");

        assertEquals(Map.of(BigInteger.valueOf(-1), "NEG", BigInteger.ZERO, "ZERO", BigInteger.ONE, "POS"),
                types.get("sign").enumerators());
        assertEquals(Map.of(new BigInteger("ffffffffffffffff", 16), "HUGE"), types.get("big").enumerators(),
                "an unsigned enumerator keeps its unsigned value");
    }

    @Test
    void a_size_other_than_the_storage_or_no_debug_info_gives_bytes() throws IOException {
        var types = new GlobalTypes();
        var library = library("shapes", SHAPES);
        assertEquals(new GlobalType("int", ValueKind.SIGNED_INTEGER, 4), types.of(library, "per_thread", 4));
        assertEquals(new GlobalType("int", ValueKind.BYTES, 8), types.of(library, "per_thread", 8));
        assertEquals(GlobalType.unknown(4), types.of(library, "no_such_global", 4));
        assertEquals(GlobalType.unknown(4), types.of(temp.resolve("missing.so"), "x", 4));

        var stripped = temp.resolve("libstripped.so");
        Gcc.run(List.of("gcc", "-shared", "-fPIC", "-g0", "-o", stripped.toString(),
                Files.writeString(temp.resolve("stripped.c"), "int x = 1;\n").toString()));
        assertEquals(Map.of(), types.inLibrary(stripped));
        assertEquals(GlobalType.unknown(4), types.of(stripped, "x", 4));
        assertThrows(IOException.class, () -> types.inLibrary(temp.resolve("missing.so")));
    }

    @Test
    void a_library_is_read_once_whichever_hard_link_names_it() throws Exception {
        var log = temp.resolve("readelf.log");
        var readelf = temp.resolve("readelf");
        Files.writeString(readelf, "#!/bin/sh\necho \"$@\" >> '" + log + "'\nexec readelf \"$@\"\n");
        Files.setPosixFilePermissions(readelf, PosixFilePermissions.fromString("rwxr-xr-x"));
        var types = new GlobalTypes(readelf.toString());

        var project = fixture("globals");
        var first = publish(project);
        var firstTypes = types.inGeneration(first.dir());
        // a new module: vars is kept, a hard link to the same file in generation 2
        Files.writeString(project.resolve("extra.c"), "long extra_total = 7;\n");
        var second = publish(project);
        assertEquals(ModuleState.KEPT, second.module("vars").orElseThrow().state());
        var secondTypes = types.inGeneration(second.dir());

        assertSame(firstTypes.get("vars").get("counter"), secondTypes.get("vars").get("counter"));
        assertEquals(new GlobalType("long int", ValueKind.SIGNED_INTEGER, 8), secondTypes.get("extra").get("extra_total"));
        var runs = Files.readAllLines(log);
        assertEquals(2, runs.size(), "vars once, extra once (main defines no global): " + runs);
        assertTrue(runs.stream().noneMatch(run -> run.contains("gen/2/libvars")), runs.toString());
    }

    @Test
    void readelf_that_cannot_run_is_an_error_naming_it() throws IOException {
        var library = library("shapes", SHAPES);
        var error = assertThrows(IOException.class, () -> new GlobalTypes("no-such-readelf").inLibrary(library));
        assertTrue(error.getMessage().contains("no-such-readelf"), error.getMessage());
        assertEquals(GlobalType.unknown(4), new GlobalTypes("no-such-readelf").of(library, "per_thread", 4));
    }

    private Path library(String name, String source) throws IOException {
        var c = Files.writeString(temp.resolve(name + ".c"), source);
        var so = temp.resolve("lib" + name + ".so");
        Gcc.run(List.of("gcc", "-std=c11", "-c", "-fPIC", "-g", "-O0", "-o", temp.resolve(name + ".o").toString(), c.toString()));
        Gcc.run(List.of("gcc", "-shared", "-o", so.toString(), temp.resolve(name + ".o").toString()));
        return so;
    }

    private Path fixture(String name) throws IOException {
        var property = System.getProperty("hcr.fixtures");
        RequiredTool.require(property != null, "the test fixtures (-Dhcr.fixtures, which Maven sets)");
        var from = Path.of(property, name);
        var to = temp.resolve(name);
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (var file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    private static Generation publish(Path project) {
        var config = BuildConfig.defaults(project).withCc("gcc").withJobs(2);
        try (var builder = new Builder(config, BuildListener.silent())) {
            return assertInstanceOf(BuildReport.Published.class, builder.build(), "build of " + project).generation();
        }
    }
}
