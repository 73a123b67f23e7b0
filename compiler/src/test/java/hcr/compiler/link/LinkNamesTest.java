package hcr.compiler.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.elf.HostScope;
import hcr.compiler.elf.SystemSymbols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkNamesTest {
    private static SystemSymbols host;

    @TempDir
    Path dir;
    private Program program;
    private LinkNames names;

    @BeforeAll
    static void readHost() throws IOException {
        host = SystemSymbols.host("gcc");
    }

    @BeforeEach
    void emptyTable() {
        program = new Program(dir);
        names = LinkNames.empty();
    }

    private static final String SIM = """
            int counter = 1;
            int step(int x) { return x + counter; }
            """;
    private static final String MAIN = """
            #include <stdio.h>
            extern int counter;
            int step(int);
            int main(void) { printf("%d\\n", step(counter)); return 0; }
            """;

    private LinkPlan planAndCommit(int generation, Map<String, String> sources) throws IOException {
        var plan = names.plan(generation, program.modules(sources), host);
        assertEquals(List.of(), plan.problems());
        names.commit(plan);
        return plan;
    }

    @Test
    void everyDefinedSymbolIsRenamedInDefinitionsAndReferencesButLibraryNamesAreLeftAlone() throws IOException {
        var plan = names.plan(1, program.modules(Map.of("sim", SIM, "main", MAIN)), host);

        assertTrue(plan.ok(), plan.problems().toString());
        assertEquals(Map.of("counter", "hcr.counter", "step", "hcr.step"), plan.renamesOf("sim"));
        assertEquals(Map.of("counter", "hcr.counter", "step", "hcr.step", "main", "hcr.main"), plan.renamesOf("main"));
        assertEquals(List.of(new FunctionName("main", "main", "hcr.main"), new FunctionName("sim", "step", "hcr.step")),
                plan.functions());
        assertEquals(plan.functions(), plan.newFunctions());
        assertEquals(List.of(new GlobalName("sim", "counter", "hcr.counter", 4)), plan.globals());
        assertEquals(List.of(), plan.freshGlobals());
        assertEquals(Optional.empty(), names.linkName("step"), "nothing committed yet");
    }

    @Test
    void aCommittedGenerationKeepsItsNamesAndStubsAreNotMadeTwice() throws IOException {
        planAndCommit(1, Map.of("sim", SIM, "main", MAIN));

        var plan = planAndCommit(2, Map.of("sim", SIM.replace("x + counter", "x * counter"), "main", MAIN));

        assertEquals(Map.of("counter", "hcr.counter", "step", "hcr.step"), plan.renamesOf("sim"));
        assertEquals(List.of(), plan.newFunctions());
        assertEquals(List.of(), plan.freshGlobals());
        assertEquals(Optional.of("hcr.step"), names.linkName("step"));
    }

    @Test
    void aNewFunctionGoesIntoTheNewStubLibrary() throws IOException {
        planAndCommit(1, Map.of("sim", SIM, "main", MAIN));

        var plan = names.plan(2, program.modules(Map.of("sim", SIM + "int reset(void) { return counter = 0; }\n",
                "main", MAIN)), host);

        assertEquals(List.of(new FunctionName("sim", "reset", "hcr.reset")), plan.newFunctions());
    }

    @Test
    void aGlobalWhoseSizeChangedGetsFreshStorageInEveryModuleAndKeepsItAfterwards() throws IOException {
        var user = "extern int a[]; int first(void) { return a[0]; }\n";
        planAndCommit(1, Map.of("data", "int a[4];\n", "user", user));

        var grown = planAndCommit(2, Map.of("data", "int a[64];\n", "user", user));

        assertEquals(List.of(new FreshGlobal("data", "a", "hcr.a.g2", "size 16 -> 256")), grown.freshGlobals());
        assertEquals("hcr.a.g2", grown.renamesOf("data").get("a"));
        assertEquals("hcr.a.g2", grown.renamesOf("user").get("a"), "the reference follows the fresh storage");

        var same = planAndCommit(3, Map.of("data", "int a[64] = {1};\n", "user", user));

        assertEquals(List.of(), same.freshGlobals());
        assertEquals("hcr.a.g2", same.renamesOf("user").get("a"));
    }

    @Test
    void aGlobalWhoseLayoutChangedAtTheSameSizeGetsFreshStorageAndKeepsItAfterwards() throws IOException {
        var user = "extern struct pair { int x, y; } p; int first(void) { return p.x; }\n";
        planAndCommit(1, Map.of("data", "struct pair { int x, y; } p;\n", "user", user));

        var swapped = names.plan(2, program.modules(Map.of("data", "struct pair { int y, x; } p;\n", "user", user)),
                host, HostScope.none(), Map.of("p", "y: offset 4 → 0, x: offset 0 → 4"));
        names.commit(swapped);

        assertEquals(List.of(new FreshGlobal("data", "p", "hcr.p.g2", "changed layout (y: offset 4 → 0, x: offset 0 → 4)")),
                swapped.freshGlobals());
        assertTrue(swapped.freshGlobals().get(0).layoutChanged());
        assertEquals("hcr.p.g2", swapped.renamesOf("user").get("p"), "the reference follows the fresh storage");
        var same = planAndCommit(3, Map.of("data", "struct pair { int y, x; } p = { 1, 2 };\n", "user", user));
        assertEquals(List.of(), same.freshGlobals());
        assertEquals("hcr.p.g2", same.renamesOf("data").get("p"));
    }

    @Test
    void aGlobalThatWasRemovedAndComesBackIsNew() throws IOException {
        planAndCommit(1, Map.of("m0", "int g_0 = 1000; int get_int(void) { return g_0; }\n"));
        planAndCommit(2, Map.of("m0", "int get_int(void) { return 9; }\n"));

        var back = planAndCommit(3, Map.of("m0", "int g_0 = 1000; int get_int(void) { return g_0; }\n"));

        assertEquals(List.of(new FreshGlobal("m0", "g_0", "hcr.g_0.g3", "reintroduced after removal")),
                back.freshGlobals());
        assertEquals(List.of(), back.newFunctions(), "get_int kept its stub");
    }

    @Test
    void aFunctionThatWasRemovedAndComesBackKeepsItsStub() throws IOException {
        planAndCommit(1, Map.of("m", "int f(void) { return 1; }\nint g(void) { return 2; }\n"));
        planAndCommit(2, Map.of("m", "int g(void) { return 2; }\n"));

        var back = planAndCommit(3, Map.of("m", "int f(void) { return 3; }\nint g(void) { return 2; }\n"));

        assertEquals("hcr.f", back.renamesOf("m").get("f"));
        assertEquals(List.of(), back.newFunctions());
    }

    @Test
    void aFunctionThatBecomesAGlobalAndBackNeverSharesALinkName() throws IOException {
        planAndCommit(1, Map.of("m", "int x(void) { return 1; }\nint y = 2;\n"));

        var swapped = planAndCommit(2, Map.of("m", "int x = 1;\nint y(void) { return 2; }\n"));

        assertEquals(List.of(new FreshGlobal("m", "x", "hcr.x.g2", "was a function")), swapped.freshGlobals());
        assertEquals(List.of(new FunctionName("m", "y", "hcr.y.g2")), swapped.functions(),
                "an old library still defines data hcr.y: the stub needs another name");
        assertEquals(swapped.functions(), swapped.newFunctions());

        var back = planAndCommit(3, Map.of("m", "int x(void) { return 1; }\nint y = 2;\n"));

        assertEquals(List.of(new FunctionName("m", "x", "hcr.x")), back.functions(), "its stub is still there");
        assertEquals(List.of(), back.newFunctions());
        assertEquals(List.of(new FreshGlobal("m", "y", "hcr.y.g3", "was a function")), back.freshGlobals());
    }

    @Test
    void modulesThatUseEachOthersGlobalsAreRenamedBothWays() throws IOException {
        var plan = names.plan(1, program.modules(Map.of(
                "a", "extern int b; int a = 1; int fa(void) { return b; }\n",
                "b", "extern int a; int b = 2; int fb(void) { return a; }\n")), host);

        assertTrue(plan.ok(), plan.problems().toString());
        assertEquals(Map.of("a", "hcr.a", "b", "hcr.b", "fa", "hcr.fa"), plan.renamesOf("a"));
        assertEquals(Map.of("a", "hcr.a", "b", "hcr.b", "fb", "hcr.fb"), plan.renamesOf("b"));
    }

    @Test
    void anUndefinedReferenceIsAProblemNamingModuleAndSymbol() throws IOException {
        var plan = names.plan(1, program.modules(Map.of(
                "sim", "int foo(void); int step(void) { return foo(); }\n",
                "main", "int step(void); int main(void) { return step(); }\n")), host);

        assertFalse(plan.ok());
        assertEquals(List.of(new LinkProblem("sim", "foo", "module 'sim': undefined reference to 'foo' — is a library missing from hcr.toml's link inputs?")),
                plan.problems());
    }

    @Test
    void aWeakReferenceMayStayUnresolved() throws IOException {
        var plan = names.plan(1, program.modules(Map.of(
                "m", "extern void probe(void) __attribute__((weak)); int main(void) { if (probe) probe(); return 0; }\n")),
                host);

        assertTrue(plan.ok(), plan.problems().toString());
    }

    @Test
    void programNamesThatTheCLibraryExportsAreRenamedAndNotUndefined() throws IOException {
        var plan = names.plan(1, program.modules(Map.of(
                "lib", """
                        #include <stdio.h>
                        int error(int code) { fprintf(stderr, "error %d\\n", code); return code; }
                        const char *index = "idx";
                        double log(double x) { return x; }
                        """,
                "main", """
                        extern const char *index;
                        int error(int);
                        double log(double);
                        int main(int argc, char **argv) { return error((int) log(argc)) + index[0]; }
                        """)), host);

        assertTrue(host.defines("error") && host.defines("index") && host.defines("log"));
        assertTrue(plan.ok(), plan.problems().toString());
        assertEquals(Map.of("error", "hcr.error", "index", "hcr.index", "log", "hcr.log", "main", "hcr.main"),
                plan.renamesOf("main"));
        assertEquals(Map.of("error", "hcr.error", "index", "hcr.index", "log", "hcr.log"), plan.renamesOf("lib"));
    }

    @Test
    void twoStrongDefinitionsOfOneNameAreAProblem() throws IOException {
        var plan = names.plan(1, program.modules(Map.of(
                "a", "int x = 1;\n", "b", "int x = 2;\n")), host);

        assertEquals(List.of(new LinkProblem("b", "x", "modules 'a' and 'b' both define 'x'")), plan.problems());
    }

    @Test
    void aStrongDefinitionWinsOverAWeakOne() throws IOException {
        var plan = names.plan(1, program.modules(Map.of(
                "a", "__attribute__((weak)) int tick(void) { return 0; }\n",
                "b", "int tick(void) { return 1; }\n")), host);

        assertTrue(plan.ok(), plan.problems().toString());
        assertEquals(List.of(new FunctionName("b", "tick", "hcr.tick")), plan.functions());
        assertEquals("hcr.tick", plan.renamesOf("a").get("tick"));
    }

    @Test
    void theTableSurvivesSaveAndLoad() throws IOException {
        var user = "extern int a[]; int first(void) { return a[0]; }\n";
        planAndCommit(1, Map.of("data", "int a[4];\nint f(void) { return 0; }\n", "user", user));
        planAndCommit(2, Map.of("data", "int a[8];\n", "user", user));
        var file = dir.resolve("state/link-names");
        names.save(file);

        var loaded = LinkNames.load(file);
        var next = program.modules(Map.of("data", "int a[8];\nint f(void) { return 0; }\nint f2(void) { return 1; }\n",
                "user", user));

        assertEquals(names.plan(3, next, host), loaded.plan(3, next, host));
        assertEquals(Optional.of("hcr.a.g2"), loaded.linkName("a"));
        assertEquals(2, loaded.generation());
        assertEquals(List.of(new FunctionName("data", "f2", "hcr.f2")), loaded.plan(3, next, host).newFunctions());
    }

    @Test
    void aNewFunctionIsExportedAsALabelOnItsNewStubAndAGlobalIndirectly() throws IOException {
        var plan = planAndCommit(1, Map.of("sim", SIM, "main", MAIN));

        assertEquals(List.of(new Export("sim", "counter", Export.Form.INDIRECT),
                new Export("main", "main", Export.Form.STUB_LABEL),
                new Export("sim", "step", Export.Form.STUB_LABEL)), plan.exports());
        assertTrue(plan.newStubLibrary());

        var next = planAndCommit(2, Map.of("sim", SIM + "int reset(void) { return counter = 0; }\nlong total;\n",
                "main", MAIN));

        assertEquals(List.of(new Export("sim", "reset", Export.Form.STUB_LABEL),
                new Export("sim", "total", Export.Form.INDIRECT)), next.exports(), "each C name is exported once");
    }

    @Test
    void aGlobalAloneMakesAStubLibraryForItsExport() throws IOException {
        planAndCommit(1, Map.of("sim", SIM, "main", MAIN));

        var plan = planAndCommit(2, Map.of("sim", SIM + "int extra = 3;\n", "main", MAIN));

        assertEquals(List.of(), plan.newFunctions());
        assertEquals(List.of(new Export("sim", "extra", Export.Form.INDIRECT)), plan.exports());
        assertTrue(plan.newStubLibrary());
        assertFalse(planAndCommit(3, Map.of("sim", SIM + "int extra = 4;\n", "main", MAIN)).newStubLibrary());
    }

    @Test
    void aGlobalWithFreshStorageIsNotExportedAgain() throws IOException {
        var user = "extern int a[]; int first(void) { return a[0]; }\n";
        planAndCommit(1, Map.of("data", "int a[4];\n", "user", user));

        var grown = planAndCommit(2, Map.of("data", "int a[64];\n", "user", user));

        assertEquals(List.of(), grown.exports(), "the resolver of 'a' answers hcr.a.g2 from now on");
        assertFalse(grown.newStubLibrary());
    }

    @Test
    void aGlobalThatBecomesAFunctionKeepsItsIndirectExport() throws IOException {
        planAndCommit(1, Map.of("m", "int x(void) { return 1; }\nint y = 2;\n"));

        var swapped = planAndCommit(2, Map.of("m", "int x = 1;\nint y(void) { return 2; }\n"));

        assertEquals(List.of(new FunctionName("m", "y", "hcr.y.g2")), swapped.newFunctions());
        assertEquals(List.of(), swapped.exports(), "y is exported indirectly since generation 1, x by its label");
    }

    @Test
    void aTableFromBeforeExportsExportsStubbedFunctionsIndirectly() throws IOException {
        planAndCommit(1, Map.of("sim", SIM, "main", MAIN));
        var file = dir.resolve("state/link-names");
        names.save(file);
        var text = Files.readString(file);
        assertTrue(text.contains("\nexported step\n"), text);
        Files.writeString(file, text.replaceAll("(?m)^exported .*\n", ""));

        var plan = LinkNames.load(file).plan(2, program.modules(Map.of("sim", SIM, "main", MAIN)), host);

        assertEquals(List.of(new Export("sim", "counter", Export.Form.INDIRECT),
                new Export("main", "main", Export.Form.INDIRECT),
                new Export("sim", "step", Export.Form.INDIRECT)), plan.exports(),
                "their stubs exist without labels: a library is never rebuilt");
    }

    @Test
    void aNameTheHostDefinesIsNotExportedAndIsReported() throws IOException {
        var scope = HostScope.ofThisJvm();
        var plan = names.plan(1, program.modules(Map.of(
                "names", "int send(int a, int b) { return a + b; }\nint optind = 40;\nint api_add(int a) { return a; }\n")),
                host, scope);

        assertEquals(List.of(new Export("names", "api_add", Export.Form.STUB_LABEL)), plan.exports());
        assertEquals(List.of(new HostName("names", "optind", "libc.so.6"), new HostName("names", "send", "libc.so.6")),
                plan.hostNames());
        assertEquals("'send' is also defined by the host process (libc.so.6); code loaded at run time finds the host's",
                plan.hostNames().get(1).message());
        assertEquals(Map.of("send", "hcr.send", "optind", "hcr.optind", "api_add", "hcr.api_add"), plan.renamesOf("names"),
                "the program's own uses still reach its own definitions");
    }

    @Test
    void aThreadLocalGlobalIsNotExported() throws IOException {
        var plan = names.plan(1, program.modules(Map.of("m", "_Thread_local int depth;\nint shared;\n")), host);

        assertEquals(List.of(new Export("m", "shared", Export.Form.INDIRECT)), plan.exports());
    }

    @Test
    void aMissingTableIsEmpty() throws IOException {
        var loaded = LinkNames.load(dir.resolve("nothing-here"));

        assertEquals(0, loaded.generation());
        assertEquals(Optional.empty(), loaded.linkName("main"));
    }

    @Test
    void aMalformedTableIsReportedWithFileAndLine() throws IOException {
        var file = Files.writeString(dir.resolve("link-names"), "hcr-link-names 1\ngeneration 3\nlive object x\n");

        var e = assertThrows(IOException.class, () -> LinkNames.load(file));

        assertTrue(e.getMessage().startsWith(file + ":3: "), e.getMessage());
    }

    @Test
    void aTableOfAnotherFormatIsRefused() throws IOException {
        var file = Files.writeString(dir.resolve("link-names"), "{\"json\": true}\n");

        var e = assertThrows(IOException.class, () -> LinkNames.load(file));

        assertTrue(e.getMessage().startsWith(file + ":1: "), e.getMessage());
    }

    @Test
    void generationsOnlyMoveForward() throws IOException {
        planAndCommit(2, Map.of("sim", SIM));

        assertThrows(IllegalArgumentException.class, () -> names.plan(2, program.modules(Map.of("sim", SIM)), host));
    }

    @Test
    void aPlanWithProblemsCannotBeCommitted() throws IOException {
        var plan = names.plan(1, program.modules(Map.of("m", "int missing(void); int f(void) { return missing(); }\n")),
                host);

        assertThrows(IllegalArgumentException.class, () -> names.commit(plan));
        assertEquals(0, names.generation());
    }
}
