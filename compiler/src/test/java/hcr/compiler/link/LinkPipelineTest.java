package hcr.compiler.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.elf.Gcc;
import hcr.compiler.elf.ObjectSymbols;
import hcr.compiler.elf.SystemSymbols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The symbol layer end to end, for real: three generations are named, renamed with objcopy,
 * linked one library per module, given stubs and group libraries, and then loaded one after
 * the other into one process by a small C host that does what the runtime does (dlopen the
 * group, point each slot at the module's own definition, call through the stubs).
 */
class LinkPipelineTest {
    /** The host: {@code load <group>}, {@code bind <library> <link name>}, {@code call <link name>}. */
    private static final String HOST = """
            #include <dlfcn.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            void hcr_trap_removed(const char *cname) { printf("trapped %s\\n", cname); fflush(stdout); exit(0); }
            static void *need(void *p, const char *what) {
                if (!p) { printf("failed %s: %s\\n", what, dlerror()); fflush(stdout); exit(2); }
                return p;
            }
            int main(int argc, char **argv) {
                setvbuf(stdout, NULL, _IOLBF, 0);
                for (int i = 1; i < argc; i++) {
                    if (!strcmp(argv[i], "load")) {
                        need(dlopen(argv[++i], RTLD_NOW | RTLD_GLOBAL), argv[i]);
                    } else if (!strcmp(argv[i], "bind")) {
                        void *module = need(dlopen(argv[i + 1], RTLD_NOW | RTLD_NOLOAD), argv[i + 1]);
                        char slot[256];
                        snprintf(slot, sizeof slot, "hcrslot.%s", argv[i + 2] + 4);
                        void **cell = need(dlsym(RTLD_DEFAULT, slot), slot);
                        *cell = need(dlsym(module, argv[i + 2]), argv[i + 2]);
                        i += 2;
                    } else if (!strcmp(argv[i], "call")) {
                        int (*f)(void) = (int (*)(void)) need(dlsym(RTLD_DEFAULT, argv[++i]), argv[i]);
                        printf("%s = %d\\n", argv[i], f());
                    }
                }
                return 0;
            }
            """;

    private static final String LIB_1 = """
            extern int ticks;
            int counter = 40;
            int error(int code) { return code + counter + ticks; }
            int never(void) { return -1; }
            """;
    private static final String MAIN_1 = """
            int error(int);
            extern int counter;
            int ticks = 2;
            int run(void) { counter++; return error(0); }
            """;

    @TempDir
    Path dir;
    private Path out;
    private Path host;
    private final LinkNames names = LinkNames.empty();
    private final List<String> stubs = new ArrayList<>();
    private final Map<String, String> libraries = new TreeMap<>();

    @BeforeEach
    void compileHost() throws IOException {
        out = Files.createDirectories(dir.resolve("out"));
        var c = Files.writeString(dir.resolve("host.c"), HOST);
        host = dir.resolve("host");
        Gcc.run(List.of("gcc", "-rdynamic", "-o", host.toString(), c.toString(), "-ldl"));
    }

    /** Builds one generation of the changed modules and returns its group library. */
    private LinkPlan publish(int generation, Map<String, String> changed, Map<String, String> all) throws Exception {
        var gcc = new Gcc(Files.createDirectories(dir.resolve("src" + generation)));
        var objects = new TreeMap<String, Path>();
        var symbols = new TreeMap<String, ObjectSymbols>();
        for (var module : all.entrySet()) {
            var o = gcc.object(module.getKey(), module.getValue());
            objects.put(module.getKey(), o);
            symbols.put(module.getKey(), ObjectSymbols.read(o));
        }
        var plan = names.plan(generation, symbols, SystemSymbols.host("gcc"));
        assertTrue(plan.ok(), plan.problems().toString());
        var previous = plan.generation() == 1 ? null : lastPlan;
        for (var id : all.keySet()) {
            boolean renamesChanged = previous == null || !plan.renamesOf(id).equals(previous.renamesOf(id));
            if (changed.containsKey(id) || renamesChanged) {
                var renamed = gcc.dir().resolve(id + ".renamed.o");
                new SymbolRenamer("objcopy").rename(objects.get(id), plan.renamesOf(id), renamed);
                var file = "lib" + id + ".g" + generation + ".so";
                Gcc.run(List.of("gcc", "-shared", "-Wl,-soname," + file, "-o", out.resolve(file).toString(),
                        renamed.toString()));
                libraries.put(id, file);
            }
        }
        if (!plan.newFunctions().isEmpty()) {
            var file = "libhcrstubs." + generation + ".so";
            new StubLibrary(Arch.host(), "as", "ld").build(plan.newFunctions(), out, file);
            stubs.add(file);
        }
        var needed = new ArrayList<>(stubs);
        needed.addAll(libraries.values());
        new GroupLibrary(Arch.host()).link(out, "libhcrgroup.g" + generation + ".so", needed);
        names.commit(plan);
        lastPlan = plan;
        return plan;
    }

    private LinkPlan lastPlan;

    private List<String> load(LinkPlan plan, String... skip) {
        var steps = new ArrayList<>(List.of("load", out.resolve("libhcrgroup.g" + plan.generation() + ".so").toString()));
        for (var function : plan.functions()) {
            if (!List.of(skip).contains(function.cname())) {
                steps.addAll(List.of("bind", libraries.get(function.moduleId()), function.linkName()));
            }
        }
        return steps;
    }

    @Test
    void threeGenerationsLoadIntoOneProcessKeepingStateAndFreshStorage() throws Exception {
        var sources = new LinkedHashMap<>(Map.of("lib", LIB_1, "main", MAIN_1));
        var steps = new ArrayList<String>();

        var first = publish(1, sources, sources);
        steps.addAll(load(first, "never"));
        steps.addAll(List.of("call", "hcr.run", "call", "hcr.run"));

        var main2 = MAIN_1.replace("error(0)", "error(100)");
        sources.put("main", main2);
        var second = publish(2, Map.of("main", main2), sources);
        assertEquals(List.of(), second.newFunctions());
        assertEquals(List.of("libhcrstubs.1.so"), stubs, "generation 2 adds no stub library");
        steps.addAll(load(second, "never"));
        steps.addAll(List.of("call", "hcr.run"));

        var lib3 = LIB_1.replace("int counter = 40;", "long counter[2] = {7, 0};").replace("+ counter", "+ counter[0]");
        var main3 = main2.replace("extern int counter;", "extern long counter[];").replace("counter++", "counter[0]++");
        sources.putAll(Map.of("lib", lib3, "main", main3));
        var third = publish(3, Map.of("lib", lib3, "main", main3), sources);
        assertEquals(List.of(new FreshGlobal("lib", "counter", "hcr.counter.g3", "size 4 -> 16")), third.freshGlobals());
        steps.addAll(load(third, "never"));
        steps.addAll(List.of("call", "hcr.run", "call", "hcr.never"));

        var command = new ArrayList<>(List.of(host.toString()));
        command.addAll(steps);
        var output = Gcc.run(command);

        assertEquals(List.of(
                "hcr.run = 43",      // the program's own error(), not glibc's; the cycle loaded as a group
                "hcr.run = 44",
                "hcr.run = 145",     // new code in main, counter kept (43 + 1 + 100 + ticks 2)
                "hcr.run = 110",     // counter got fresh storage: 7 + 1 + 100 + 2
                "trapped never"), output.lines().toList());
    }
}
