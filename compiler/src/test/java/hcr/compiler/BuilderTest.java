package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.link.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.fornwall.jelf.ElfFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuilderTest {
    private static final String HEADER = """
            #ifndef SIM_H
            #define SIM_H
            #define BONUS 1
            extern int counter;
            int step(void);
            int twice(void);
            #endif
            """;
    private static final String SIM = """
            #include "sim.h"
            int counter = 40;
            static int calls;
            int step(void) {
                static int local;
                local++;
                calls++;
                return counter + BONUS;
            }
            """;
    private static final String MAIN = """
            #include <stdio.h>
            #include "sim.h"
            int twice(void) { return step() * 2 + BONUS; }
            int main(void) { printf("%d\\n", twice()); return 0; }
            """;

    @TempDir
    static Path tools;
    static LoadCheck loadCheck;

    @TempDir
    Path dir;
    ProjectFiles project;
    RecordingListener listener;
    Builder builder;

    @BeforeAll
    static void driver() {
        loadCheck = new LoadCheck(tools);
    }

    @BeforeEach
    void project() {
        project = new ProjectFiles(dir).write("include/sim.h", HEADER).write("sim.c", SIM).write("main.c", MAIN);
        listener = new RecordingListener();
        builder = new Builder(project.config(), listener);
    }

    @AfterEach
    void close() {
        builder.close();
    }

    private Generation published(BuildReport report) {
        if (report instanceof BuildReport.Failed failed) {
            throw new AssertionError("build failed:\n" + failed.summary() + "\n" + failed.output());
        }
        return assertInstanceOf(BuildReport.Published.class, report).generation();
    }

    private static Map<String, ModuleBuild> byId(Generation generation) {
        return generation.modules().stream().collect(Collectors.toMap(ModuleBuild::id, m -> m));
    }

    @Test
    void firstBuildPublishesEveryModuleWithStubsGroupAndManifest() throws IOException {
        var generation = published(builder.build());

        assertEquals(1, generation.number());
        assertEquals(project.gen(1), generation.dir());
        assertEquals("1\n", project.current());
        var modules = byId(generation);
        assertEquals(List.of("main", "sim"), generation.modules().stream().map(ModuleBuild::id).toList());
        assertEquals(new ModuleBuild("sim", project.path("sim.c"), "libsim.g1.so", ModuleState.NEW, true), modules.get("sim"));
        assertEquals(ModuleState.NEW, modules.get("main").state());
        assertEquals(List.of("libhcrgroup.g1.so", "libhcrstubs.1.so", "libmain.g1.so", "libsim.g1.so", "manifest"),
                list(generation.dir()));

        var manifest = Manifest.read(generation.manifest());
        assertEquals(1, manifest.generation());
        assertEquals("x86_64", manifest.arch());
        assertEquals("libhcrgroup.g1.so", manifest.group());
        assertNull(manifest.delta(), "no generation 0: no delta group");
        assertEquals(List.of("libhcrstubs.1.so"), manifest.stubs());
        assertEquals(List.of(new Manifest.Module("main", "libmain.g1.so", "new"),
                new Manifest.Module("sim", "libsim.g1.so", "new")), manifest.modules());
        assertTrue(manifest.functions().containsAll(List.of(new Manifest.Function("sim", "step", "hcr.step"),
                new Manifest.Function("main", "twice", "hcr.twice"), new Manifest.Function("main", "main", "hcr.main"))));
        assertEquals(List.of(new Manifest.Global("sim", "counter", "hcr.counter", 4)), manifest.globals());
        assertEquals(List.of("calls", "local.0"), manifest.statics().stream().map(Manifest.Static::name).sorted().toList());
        var symbolTable = project.run("readelf", "-sW", generation.dir().resolve("libsim.g1.so").toString());
        for (var s : manifest.statics()) {
            assertEquals("sim", s.moduleId());
            assertEquals(4, s.size());
            assertTrue(symbolTable.lines().anyMatch(line -> line.matches(
                            "\\s*\\d+: 0*" + Long.toHexString(s.offset()) + "\\s+4 OBJECT\\s+LOCAL.* " + s.name().replace(".", "\\.") + "$")),
                    s + " not at its offset in\n" + symbolTable);
        }

        var dynamic = project.run("readelf", "-dW", generation.dir().resolve("libhcrgroup.g1.so").toString());
        assertEquals(List.of("libhcrstubs.1.so", "libmain.g1.so", "libsim.g1.so"), needed(dynamic));
        assertTrue(dynamic.contains("(RUNPATH)") && dynamic.contains("[$ORIGIN]"), dynamic);
        assertTrue(project.run("readelf", "-dW", generation.dir().resolve("libsim.g1.so").toString())
                .contains("Library soname: [libsim.g1.so]"));

        assertEquals("step=41\ntwice=83\n", loadCheck.run(generation.dir(), "step", "twice"));
        assertEquals(List.of("[1/5] CC main.c", "[2/5] CC sim.c", "[3/6] LINK libmain.g1.so", "[4/6] LINK libsim.g1.so",
                "[5/6] LINK libhcrstubs.1.so", "[6/6] LINK libhcrgroup.g1.so"), inParallelOrder(listener.progress, 2, 4));
        assertTrue(generation.timings().totalMicros() >= generation.timings().compileMicros());
    }

    @Test
    void everyModuleOfAFirstBuildIsReportedCompilingThenCompiled() {
        published(builder.build());

        assertEquals(List.of("compiled main ok", "compiled sim ok"),
                listener.modules.stream().filter(e -> e.startsWith("compiled")).sorted().toList());
        for (var id : List.of("main", "sim")) {
            assertTrue(listener.modules.indexOf("compiling " + id) < listener.modules.indexOf("compiled " + id + " ok"),
                    listener.modules.toString());
        }
    }

    @Test
    void compileAllNextCompilesEveryModuleOnceAndPublishesNothingForIdenticalObjects() {
        published(builder.build());
        listener.clear();

        builder.compileAllNext();
        assertEquals(new BuildReport.UpToDate(1), builder.build(), "the same sources give the same objects");
        assertEquals(List.of("compiled main ok", "compiled sim ok"),
                listener.modules.stream().filter(e -> e.startsWith("compiled")).sorted().toList());

        listener.clear();
        assertEquals(new BuildReport.UpToDate(1), builder.build(), "only the next build compiles everything");
        assertEquals(List.of(), listener.modules);
        assertFalse(Files.exists(project.gen(2)));
    }

    @Test
    void touchingWithoutChangeIsUpToDate() {
        published(builder.build());
        project.touch("sim.c").touch("include/sim.h");
        listener.clear();

        assertEquals(new BuildReport.UpToDate(1), builder.build());
        assertEquals(List.of(), listener.progress);
        assertEquals(List.of(), listener.modules);
        assertFalse(Files.exists(project.gen(2)));
        assertEquals("1\n", project.current());
    }

    @Test
    void editingOneFileCompilesOnlyThatModule() throws IOException {
        published(builder.build());
        project.write("sim.c", SIM.replace("counter + BONUS", "counter + BONUS + 100"));
        listener.clear();

        var generation = published(builder.build());

        assertEquals(2, generation.number());
        var modules = byId(generation);
        assertEquals(new ModuleBuild("sim", project.path("sim.c"), "libsim.g2.so", ModuleState.CHANGED, true), modules.get("sim"));
        assertEquals(new ModuleBuild("main", project.path("main.c"), "libmain.g1.so", ModuleState.KEPT, false), modules.get("main"));
        assertEquals(List.of("[1/3] CC sim.c", "[2/3] LINK libsim.g2.so", "[3/3] LINK libhcrgroup.g2.so"), listener.progress);
        assertEquals(List.of("compiling sim", "compiled sim ok"), listener.modules, "module events for the compiled module only");
        assertTrue(listener.compileMicros.get(0) > 0, "a compile takes time: " + listener.compileMicros);
        var manifest = Manifest.read(generation.manifest());
        assertEquals(List.of(new Manifest.Module("main", "libmain.g1.so", "kept"),
                new Manifest.Module("sim", "libsim.g2.so", "changed")), manifest.modules());
        assertEquals(List.of("libhcrstubs.1.so"), manifest.stubs());
        assertEquals(Files.readAttributes(project.gen(1).resolve("libmain.g1.so"), "unix:ino"),
                Files.readAttributes(project.gen(2).resolve("libmain.g1.so"), "unix:ino"), "kept library is a hard link");
        assertEquals(List.of("libhcrstubs.1.so", "libmain.g1.so", "libsim.g2.so"),
                needed(project.run("readelf", "-dW", generation.dir().resolve("libhcrgroup.g2.so").toString())));
        assertEquals("step=141\ntwice=283\n", loadCheck.run(generation.dir(), "step", "twice"));
        assertEquals("2\n", project.current());
        assertEquals(new Manifest.Delta("libhcrdelta.g2.so", 1), manifest.delta());
        assertEquals(List.of("libsim.g2.so"), deltaNeeded(generation, manifest));
    }

    /** Issue 10: every function's patchable entry is listed, and a kept module keeps its entries, also after a restart. */
    @Test
    void entriesListEveryFunctionAndAKeptModuleKeepsThem() throws IOException {
        var first = Manifest.read(published(builder.build()).manifest());
        var mainEntries = first.entries().stream().filter(e -> e.moduleId().equals("main")).toList();
        assertEquals(List.of("hcr.main", "hcr.twice"), mainEntries.stream().map(Manifest.Entry::name).sorted().toList());
        assertEquals(List.of("hcr.step"), first.entries().stream().filter(e -> e.moduleId().equals("sim"))
                .map(Manifest.Entry::name).toList());
        var symbolTable = project.run("readelf", "-sW", project.gen(1).resolve("libmain.g1.so").toString());
        for (var e : mainEntries) {
            assertTrue(symbolTable.lines().anyMatch(line -> line.matches("\\s*\\d+: 0*" + Long.toHexString(e.offset())
                    + "\\s+\\d+ FUNC\\s+GLOBAL.* " + e.name().replace(".", "\\.") + "$")), e + " in\n" + symbolTable);
        }
        builder.close();
        builder = new Builder(project.config(), listener); // the saved state is read again
        project.write("sim.c", SIM.replace("counter + BONUS", "counter + BONUS + 100"));

        var second = Manifest.read(published(builder.build()).manifest());

        assertEquals(mainEntries, second.entries().stream().filter(e -> e.moduleId().equals("main")).toList());
        assertEquals(1, second.entries().stream().filter(e -> e.moduleId().equals("sim")).count());
    }

    /** The DT_NEEDED of a generation's delta group, as jelf reads it; its soname is its file name. */
    private static List<String> deltaNeeded(Generation generation, Manifest manifest) throws IOException {
        var file = generation.dir().resolve(manifest.delta().file());
        var dynamic = ElfFile.from(file.toFile()).getDynamicSection();
        assertEquals("$ORIGIN", dynamic.getRunPath());
        return dynamic.getNeededLibraries();
    }

    @Test
    void aChangedHeaderRebuildsEveryModuleIncludingItInOneGeneration() {
        published(builder.build());
        project.write("other.c", "int unrelated(void) { return 7; }\n");
        published(builder.build());
        project.write("include/sim.h", HEADER.replace("#define BONUS 1", "#define BONUS 5"));
        listener.clear();

        var generation = published(builder.build());

        var modules = byId(generation);
        assertEquals(ModuleState.CHANGED, modules.get("sim").state());
        assertEquals(ModuleState.CHANGED, modules.get("main").state());
        assertTrue(modules.get("sim").compiled() && modules.get("main").compiled());
        assertEquals(new ModuleBuild("other", project.path("other.c"), "libother.g2.so", ModuleState.KEPT, false),
                modules.get("other"));
        assertEquals("step=45\ntwice=95\nunrelated=7\n", loadCheck.run(generation.dir(), "step", "twice", "unrelated"));
    }

    @Test
    void aCompileErrorPublishesNothingAndTheFixBuilds() throws IOException {
        published(builder.build());
        project.write("sim.c", SIM.replace("return counter + BONUS;", "return countr + BONUS;"));
        listener.clear();

        var failed = assertInstanceOf(BuildReport.Failed.class, builder.build());

        var error = failed.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        assertEquals(List.of(project.path("sim.c"), 8, 12, "error"),
                List.of(error.file(), error.line(), error.column(), error.severity()));
        assertTrue(error.message().matches("[‘']countr[’'] undeclared .*did you mean [‘']counter[’']\\?"), error.message());
        assertTrue(failed.output().contains("sim.c:8:12: error:"), failed.output());
        assertEquals(failed.output(), listener.output.toString(), "the compiler's output passes through unchanged");
        assertEquals(List.of("[1/3] CC sim.c"), listener.progress);
        assertEquals(List.of("compiling sim", "compiled sim failed"), listener.modules);
        assertEquals("1\n", project.current());
        assertFalse(Files.exists(project.gen(2)));
        assertEquals(List.of("1", "current"), list(project.dir().resolve(".hcr/gen")));

        project.write("sim.c", SIM);
        assertEquals(new BuildReport.UpToDate(1), builder.build(), "back to the published sources: nothing to do");

        project.write("sim.c", SIM.replace("counter + BONUS", "counter * 2"));
        var generation = published(builder.build());
        assertEquals(2, generation.number());
        assertEquals("step=80\n", loadCheck.run(generation.dir(), "step"));
    }

    @Test
    void aBuildThatFailedWhileItsSourceWasRewrittenRunsAgainAndReportsTheNewSource() {
        var fixed = SIM.replace("counter + BONUS", "counter * 3");
        var saving = new RecordingListener() {
            @Override
            public synchronized void moduleCompiled(String id, long micros, boolean ok) {
                super.moduleCompiled(id, micros, ok);
                if (!ok) {
                    project.write("sim.c", fixed); // the rest of a save that the build read half-written
                }
            }
        };
        builder.close();
        builder = new Builder(project.config(), saving);
        published(builder.build());
        project.write("sim.c", SIM.replace("return counter + BONUS;", "return countr + BONUS;"));
        saving.clear();

        var generation = published(builder.build());

        assertEquals(2, generation.number());
        assertEquals(List.of("compiling sim", "compiled sim failed", "compiling sim", "compiled sim ok"), saving.modules);
        assertEquals(List.of("[1/3] CC sim.c", "sources changed during the build: building again", "[1/3] CC sim.c",
                "[2/3] LINK libsim.g2.so", "[3/3] LINK libhcrgroup.g2.so"), saving.progress);
        assertEquals("step=120\n", loadCheck.run(generation.dir(), "step"));
    }

    @Test
    void aDeletedModuleIsRemovedAndANewOneIsNew() throws IOException {
        project.write("extra.c", "int extra(void) { return 3; }\n");
        published(builder.build());
        project.delete("extra.c").write("more.c", "int more = 5;\nint get_more(void) { return more; }\n");

        var generation = published(builder.build());

        assertEquals(List.of("extra"), generation.removed());
        assertEquals(List.of("main", "more", "sim"), generation.modules().stream().map(ModuleBuild::id).toList());
        assertEquals(ModuleState.NEW, byId(generation).get("more").state());
        var manifest = Manifest.read(generation.manifest());
        assertEquals(List.of("extra"), manifest.removed());
        assertEquals(List.of("libhcrstubs.1.so", "libhcrstubs.2.so"), manifest.stubs());
        assertEquals(List.of("libhcrstubs.1.so", "libhcrstubs.2.so", "libmain.g1.so", "libmore.g2.so", "libsim.g1.so"),
                needed(project.run("readelf", "-dW", generation.dir().resolve("libhcrgroup.g2.so").toString())));
        assertEquals("get_more=5\nstep=41\n", loadCheck.run(generation.dir(), "get_more", "step"));
        assertEquals(new Manifest.Delta("libhcrdelta.g2.so", 1), manifest.delta());
        assertEquals(List.of("libhcrstubs.2.so", "libmore.g2.so"), deltaNeeded(generation, manifest),
                "the stub library new in 2, then the new module; nothing kept");
    }

    @Test
    void anUndefinedReferenceFailsNamingModuleAndSymbol() {
        project.write("main.c", MAIN.replace("step() * 2", "step() * missing_factor()"));

        var failed = assertInstanceOf(BuildReport.Failed.class, builder.build());

        assertTrue(failed.problems().stream().anyMatch(p -> p.contains("'main'") && p.contains("missing_factor")),
                failed.problems().toString());
        assertFalse(Files.exists(project.dir().resolve(".hcr/gen/current")));
        assertFalse(Files.exists(project.gen(1)));
    }

    @Test
    void aGlobalThatGrowsGetsFreshStorageAndItsUsersAreRelinked() throws IOException {
        project.write("table.c", "int table[4] = {9};\n")
                .write("use.c", "extern int table[];\nint first(void) { return table[0]; }\n");
        published(builder.build());
        project.write("table.c", "int table[64] = {11};\n");

        var generation = published(builder.build());

        assertEquals(1, generation.freshGlobals().size());
        var fresh = generation.freshGlobals().get(0);
        assertEquals(List.of("table", "table", "hcr.table.g2"), List.of(fresh.moduleId(), fresh.cname(), fresh.linkName()));
        var use = byId(generation).get("use");
        assertEquals(new ModuleBuild("use", project.path("use.c"), "libuse.g2.so", ModuleState.CHANGED, false), use);
        assertEquals(ModuleState.KEPT, byId(generation).get("sim").state());
        assertTrue(Manifest.read(generation.manifest()).globals()
                .contains(new Manifest.Global("table", "table", "hcr.table.g2", 256)));
        assertEquals("first=11\n", loadCheck.run(generation.dir(), "first"));
    }

    @Test
    void aMissingCompilerFailsWithAClearMessage() {
        try (var broken = new Builder(project.config().withCc("/nonexistent/cc"), listener)) {
            var failed = assertInstanceOf(BuildReport.Failed.class, broken.build());
            assertEquals(List.of("C compiler '/nonexistent/cc' not found (no executable file at /nonexistent/cc)"),
                    failed.problems());
        }
    }

    @Test
    void aVanishedProjectFailsWithAClearMessage() {
        var gone = BuildConfig.defaults(dir.resolve("no-such-project")).withCc("gcc");
        try (var missing = new Builder(gone, listener)) {
            var failed = assertInstanceOf(BuildReport.Failed.class, missing.build());
            assertEquals(List.of("project directory " + dir.resolve("no-such-project")
                    + " does not exist or is not a directory"), failed.problems());
        }
    }

    @Test
    void aLinkErrorIsReportedAndNothingPublished() {
        try (var linking = new Builder(project.config().withLibraries(List.of("-lhcr_no_such_library")), listener)) {
            var failed = assertInstanceOf(BuildReport.Failed.class, linking.build());
            assertTrue(failed.diagnostics().stream().anyMatch(d -> d.isError() && d.message().contains("-lhcr_no_such_library")),
                    failed.diagnostics() + "\n" + failed.output());
            assertFalse(Files.exists(project.dir().resolve(".hcr/gen/current")));
        }
    }

    @Test
    void aRecompileIntoTheSameObjectPublishesNothing() {
        published(builder.build());
        project.write("sim.c", SIM.replace("int counter = 40;", "int counter = 40; /* the start */"));

        assertEquals(new BuildReport.UpToDate(1), builder.build());
        assertFalse(Files.exists(project.gen(2)));
        project.touch("sim.c");
        listener.clear();
        assertEquals(new BuildReport.UpToDate(1), builder.build());
        assertEquals(List.of(), listener.progress, "the new key was remembered");
    }

    @Test
    void aNewBuilderContinuesFromTheSavedState() {
        published(builder.build());
        builder.close();
        builder = new Builder(project.config(), listener);
        assertEquals(new BuildReport.UpToDate(1), builder.build());

        project.write("sim.c", SIM.replace("counter + BONUS", "counter - BONUS"));
        builder = new Builder(project.config(), listener);
        var generation = published(builder.build());

        assertEquals(2, generation.number());
        assertEquals(ModuleState.KEPT, byId(generation).get("main").state());
        assertEquals("step=39\n", loadCheck.run(generation.dir(), "step"));
    }

    @Test
    void modulesInFoldersUseTheirStem() throws IOException {
        project.write("physics/body.c", "int mass(void) { return 12; }\n");

        var generation = published(builder.build());

        assertEquals("libphysics__body.g1.so", byId(generation).get("physics/body").library());
        assertTrue(Files.exists(project.dir().resolve(".hcr/state/obj")));
        assertEquals("mass=12\n", loadCheck.run(generation.dir(), "mass"));
    }

    @Test
    void colouredOutputPassesThroughAndIsStillUnderstood() {
        var coloured = new RecordingListener() {
            @Override
            public boolean colour() {
                return true;
            }
        };
        project.write("sim.c", SIM.replace("return counter + BONUS;", "return counter + BONUS"));
        try (var colourBuilder = new Builder(project.config(), coloured)) {
            var failed = assertInstanceOf(BuildReport.Failed.class, colourBuilder.build());

            assertTrue(coloured.output.toString().contains("\u001B["), coloured.output.toString());
            var error = failed.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
            assertEquals(List.of(project.path("sim.c"), 9, 1), List.of(error.file(), error.line(), error.column()));
            assertFalse(error.message().contains("\u001B"), error.message());
        }
    }

    @Test
    void aGenerationPublishedWithoutItsStateIsNeverReused() throws IOException {
        published(builder.build());
        Files.createDirectories(project.gen(2)); // as if a build published 2 and died before saving its state
        project.write("sim.c", SIM.replace("counter + BONUS", "counter + 7"));

        var generation = published(builder.build());

        assertEquals(3, generation.number());
        assertEquals(ModuleState.KEPT, byId(generation).get("main").state());
        assertEquals("step=47\n", loadCheck.run(generation.dir(), "step"));
        assertNull(Manifest.read(generation.manifest()).delta(), "states are relative to 1, not to the stray 2");
        assertFalse(Files.exists(generation.dir().resolve("libhcrdelta.g3.so")));
    }

    @Test
    void aLostBuildFolderIsRebuiltFromScratch() throws IOException {
        published(builder.build());
        builder.close();
        try (var files = Files.walk(project.dir().resolve(".hcr/gen"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        builder = new Builder(project.config(), listener);
        var generation = published(builder.build());

        assertEquals(1, generation.number());
        assertTrue(generation.modules().stream().allMatch(m -> m.state() == ModuleState.NEW));
        assertEquals("step=41\n", loadCheck.run(generation.dir(), "step"));
    }

    private static List<String> needed(String dynamicSection) {
        return dynamicSection.lines().filter(l -> l.contains("(NEEDED)"))
                .map(l -> l.substring(l.indexOf('[') + 1, l.indexOf(']'))).toList();
    }

    private static List<String> list(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Parallel steps finish in any order: sorts what lines {@code from} to {@code to} name, keeping the numbering. */
    private static List<String> inParallelOrder(List<String> lines, int... bounds) {
        var result = new java.util.ArrayList<>(lines);
        int from = 0;
        for (int to : bounds) {
            var names = result.subList(from, to).stream().map(l -> l.substring(l.indexOf(']'))).sorted().toList();
            for (int i = from; i < to; i++) {
                var line = result.get(i);
                result.set(i, line.substring(0, line.indexOf(']')) + names.get(i - from));
            }
            from = to;
        }
        return result;
    }
}
