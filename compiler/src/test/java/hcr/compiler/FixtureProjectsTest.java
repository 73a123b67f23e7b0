package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.project.DroppedFlag;
import hcr.project.HcrToml;
import hcr.project.ModelException;
import hcr.project.ModuleSource;
import hcr.project.ProgramModel;
import hcr.project.ProgramModels;
import hcr.project.init.BuildRecorder;
import hcr.project.init.ProjectInit;
import hcr.testsupport.RequiredTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every project of test-fixtures/projects/ described the way a user describes it (issue 9):
 * {@code hcr init} over its own build (make, make with {@code --target}, CMake with Ninja), the
 * compile database CMake exported with no hcr.toml, or its own hand-written hcr.toml. Each is
 * built by the Builder and its {@code main} run from the published generation
 * ({@code prog 1 3}): the last line must be the plain build's (projects/expected.txt). Then one
 * edit of a function whose result shows in that line: only that module is rebuilt, and the
 * line changes accordingly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FixtureProjectsTest {
    @TempDir
    static Path dir;
    private Path fixtures;
    private Map<String, String> expected;
    private Path driver;

    @BeforeAll
    void setUp() throws IOException {
        var property = System.getProperty("hcr.fixtures");
        RequiredTool.require(property != null && Files.isRegularFile(Path.of(property, "projects", "expected.txt")),
                "the test fixtures' projects (-Dhcr.fixtures, which Maven sets)");
        fixtures = Path.of(property, "projects");
        expected = expectations(fixtures.resolve("expected.txt"));
        // LoadCheck compiles its driver as <dir>/loadcheck; it is run here with the program's env
        new LoadCheck(dir.resolve("driver"));
        driver = dir.resolve("driver").resolve("loadcheck");
        assertTrue(Files.isExecutable(driver), driver + ": LoadCheck's driver");
    }

    // --- make-two-programs: two programs, a shared source, the project's own archive -----------

    @Test
    void makeCalcIsItsMainTicksAndTheArchiveMembers() throws Exception {
        requireTools("make", "ar");
        var project = copy("make-two-programs", "calc-only");
        var init = init(project, null, "make", "calc"); // only calc is linked: no --target needed
        assertEquals(List.of("calc.c", "ticks.c", "lib/scale.c", "lib/label.c").stream().sorted().toList(),
                init.project().sources().stream().sorted().toList(), init::toString);
        assertEquals(List.of(), init.project().link(), "libshared.a is the project's own: its members are modules");
        try (var builder = builder(project)) {
            var first = published(builder.build());
            assertEquals(List.of("calc", "lib/label", "lib/scale", "ticks"), ids(first));
            assertEquals(expected.get("make-two-programs/calc"), lastLine(project, first));

            edit(project, "lib/scale.c", "#define SCALE 3", "#define SCALE 7");
            var second = published(builder.build());
            assertEquals(List.of("lib/scale"), rebuilt(second));
            assertEquals("tick 3 scaled 21 label v1", lastLine(project, second));
        }
    }

    @Test
    void makeWithoutTargetListsBothProgramsThenReportIsChosen() throws Exception {
        requireTools("make", "ar");
        var project = copy("make-two-programs", "report");
        var said = new ArrayList<String>();
        var failure = initFails(project, said, null, "make");
        assertEquals("the build links 2 programs: calc, report; choose one with --target NAME", failure);
        assertEquals(2, said.size(), said::toString);
        assertTrue(said.get(0).startsWith("  calc ") && said.get(1).startsWith("  report "), said::toString);
        assertFalse(Files.exists(project.resolve(HcrToml.FILE_NAME)), "nothing written");

        run(project, "make", "clean");
        var init = init(project, "report", "make");
        assertEquals(List.of("lib/label.c", "lib/scale.c", "report.c", "ticks.c"),
                init.project().sources().stream().sorted().toList(), init::toString);
        assertEquals(List.of(), init.project().link(), "-L. -lshared named the project's own archive");
        try (var builder = builder(project)) {
            var first = published(builder.build());
            assertEquals(List.of("lib/label", "lib/scale", "report", "ticks"), ids(first));
            assertEquals(expected.get("make-two-programs/report"), lastLine(project, first));

            edit(project, "lib/label.c", "return \"v1\";", "return \"v2\";");
            var second = published(builder.build());
            assertEquals(List.of("lib/label"), rebuilt(second));
            assertEquals("report 3 sum 6 label v2", lastLine(project, second));
        }
    }

    // --- hidden-visibility: -fvisibility=hidden, hidden/internal attributes, a pragma block ----

    @Test
    void hiddenVisibilityLinksAcrossModulesWithTheFlagDropped() throws Exception {
        requireTools("make");
        var project = copy("hidden-visibility", "hidden-visibility");
        var init = init(project, null, "make");
        assertTrue(init.project().dropped().stream().map(DroppedFlag::flag).anyMatch("-fvisibility=hidden"::equals),
                () -> "hcr.toml's [[dropped]]: " + init.project().dropped());
        assertTrue(init.summary().stream().anyMatch(line -> line.startsWith("dropped -fvisibility=hidden (")),
                init.summary()::toString);
        var model = ProgramModels.load(project, project.resolve(".hcr"));
        assertTrue(model.dropped().stream().map(DroppedFlag::flag).anyMatch("-fvisibility=hidden"::equals),
                model.dropped()::toString);
        for (var module : model.modules()) {
            assertFalse(module.flags().contains("-fvisibility=hidden"), module::toString);
            assertTrue(module.flags().contains("-O2"), () -> "the Makefile's own flags are kept: " + module);
        }
        try (var builder = builder(project)) {
            var first = published(builder.build());
            assertEquals(List.of("main", "step", "table"), ids(first));
            assertEquals(expected.get("hidden-visibility/hidden"), lastLine(project, first));

            // hv_tag(): visibility("internal"), called from main.c
            edit(project, "step.c", "return \"v1\";", "return \"v2\";");
            var second = published(builder.build());
            assertEquals(List.of("step"), rebuilt(second));
            assertEquals("tick 3 value 3 name delta weight 40 tag v2", lastLine(project, second));
        }
    }

    // --- pkg-config-dep: zlib through pkg-config ------------------------------------------------

    @Test
    void pkgConfigsLibrariesBecomeLinkInputs() throws Exception {
        requireTools("make", "pkg-config");
        RequiredTool.require(run(dir, "pkg-config", "--exists", "zlib").ok(), "zlib for pkg-config (zlib1g-dev)");
        var project = copy("pkg-config-dep", "pkg-config-dep");
        var init = init(project, null, "make");
        var libs = List.of(run(dir, "pkg-config", "--libs", "zlib").output().strip().split("\\s+"));
        assertTrue(init.project().link().containsAll(libs), () -> "link inputs " + init.project().link() + ", want " + libs);
        try (var builder = builder(project)) {
            var first = published(builder.build());
            assertEquals(List.of("checksum", "main"), ids(first));
            assertEquals(expected.get("pkg-config-dep/crcs"), lastLine(project, first));

            // checksum_text(), a static function of checksum.c
            edit(project, "checksum.c", "\"hcr %ld\"", "\"edited %ld\"");
            var second = published(builder.build());
            assertEquals(List.of("checksum"), rebuilt(second));
            assertEquals(crcLine(3, "edited 3"), lastLine(project, second));
        }
    }

    // --- cmake-db: CMake + Ninja, a static library of its own, -lm -----------------------------

    @Test
    void cmakeBuildLearntByInit() throws Exception {
        requireTools("cmake", "ninja");
        var project = copy("cmake-db", "cmake-init");
        run(project, "cmake", "-S", ".", "-B", "build", "-G", "Ninja").check("cmake configure");
        var init = init(project, null, "cmake", "--build", "build");
        assertEquals(List.of("lib/area.c", "lib/perimeter.c", "src/main.c", "src/report.c"),
                sources(ProgramModels.load(project, project.resolve(".hcr")), project), init::toString);
        assertTrue(init.project().link().contains("-lm"), () -> "link inputs " + init.project().link());
        assertEquals("shapes", init.project().name().orElseThrow());
        cmakeProjectBuildsAndReloadsItsLibrary(project);
    }

    @Test
    void cmakesCompileDatabaseWithNoHcrToml() throws Exception {
        requireTools("cmake", "ninja");
        var project = copy("cmake-db", "cmake-database");
        run(project, "cmake", "-S", ".", "-B", "build", "-G", "Ninja").check("cmake configure");
        assertFalse(Files.exists(project.resolve(HcrToml.FILE_NAME)));
        var model = ProgramModels.load(project, project.resolve(".hcr"));
        assertEquals(ProgramModel.Origin.COMPILE_DATABASE, model.origin());
        assertEquals(List.of("lib/area.c", "lib/perimeter.c", "src/main.c", "src/report.c"), sources(model, project));
        var report = model.modules().stream().filter(m -> m.source().endsWith("src/report.c")).findFirst().orElseThrow();
        assertTrue(report.flags().stream().anyMatch(f -> f.startsWith("-DSHAPES_UNIT=")), report::toString);
        cmakeProjectBuildsAndReloadsItsLibrary(project);
    }

    private void cmakeProjectBuildsAndReloadsItsLibrary(Path project) throws Exception {
        try (var builder = builder(project)) {
            var first = published(builder.build());
            assertEquals(List.of("lib/area", "lib/perimeter", "src/main", "src/report"), ids(first));
            assertEquals(expected.get("cmake-db/shapes"), lastLine(project, first));

            // geometry_area(), in libgeometry.a, the project's own library
            edit(project, "lib/area.c", "return w * h;", "return w * h * 10;");
            var second = published(builder.build());
            assertEquals(List.of("lib/area"), rebuilt(second));
            assertEquals("tick 3 box 3x4 area 120 perimeter 14 diagonal 5.00 unit cm", lastLine(project, second));
        }
    }

    // --- hand-toml: a hand-written hcr.toml -----------------------------------------------------

    @Test
    void handWrittenHcrToml() throws Exception {
        var project = copy("hand-toml", "hand-toml");
        var model = ProgramModels.load(project, project.resolve(".hcr"));
        assertEquals(ProgramModel.Origin.HCR_TOML, model.origin());
        assertEquals(List.of("src/main.c", "src/platform_linux.c", "src/wave.c"), sources(model, project),
                "src/*.c minus the excluded Windows back-end");
        assertEquals(Map.of("WAVE_LABEL", "hand"), model.environment());
        try (var builder = builder(project)) {
            var first = published(builder.build());
            assertEquals(List.of("src/main", "src/platform_linux", "src/wave"), ids(first));
            assertEquals(expected.get("hand-toml/wave"), lastLine(project, first));

            edit(project, "src/wave.c", "lround(WAVE_AMPLITUDE *", "lround(2 * WAVE_AMPLITUDE *");
            var second = published(builder.build());
            assertEquals(List.of("src/wave"), rebuilt(second));
            assertEquals("tick 3 wave " + Math.round(200 * Math.sin(1.5)) + " platform linux label hand",
                    lastLine(project, second));
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    private static void requireTools(String... tools) {
        RequiredTool.require(BuildRecorder.bearOnPath().isPresent(), "bear (apt-get install bear)");
        for (var tool : tools) {
            RequiredTool.require(onPath(tool), tool);
        }
    }

    private static boolean onPath(String tool) {
        for (var d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private Builder builder(Path project) {
        return new Builder(BuildConfig.defaults(project).withJobs(2), BuildListener.silent());
    }

    /** {@code hcr init} as InitCommand runs it, the build's output kept for failure messages. */
    private static ProjectInit.Result init(Path project, String target, String... command) {
        var output = new ByteArrayOutputStream();
        var said = new ArrayList<String>();
        var init = new ProjectInit(new BuildRecorder(BuildRecorder.bearOnPath(), Optional.of(output)), said::add);
        try {
            return init.run(new ProjectInit.Request(project, Optional.ofNullable(target), List.of(command), false));
        } catch (ModelException e) {
            throw new AssertionError("hcr init " + String.join(" ", command) + ": " + e.getMessage() + "\n"
                    + String.join("\n", said) + "\n--- build output\n" + output.toString(StandardCharsets.UTF_8), e);
        }
    }

    /** {@code hcr init} expected to fail; returns its message, the lines it told the user in {@code said}. */
    private static String initFails(Path project, List<String> said, String target, String... command) {
        var output = new ByteArrayOutputStream();
        var init = new ProjectInit(new BuildRecorder(BuildRecorder.bearOnPath(), Optional.of(output)), said::add);
        try {
            var result = init.run(new ProjectInit.Request(project, Optional.ofNullable(target), List.of(command), false));
            throw new AssertionError("hcr init succeeded: " + result.summary());
        } catch (ModelException e) {
            return e.getMessage();
        }
    }

    private static BuildReport.Published published(BuildReport report) {
        if (report instanceof BuildReport.Failed failed) {
            throw new AssertionError("build failed:\n" + failed.summary() + "\n" + failed.output());
        }
        return assertInstanceOf(BuildReport.Published.class, report);
    }

    private static List<String> ids(BuildReport.Published report) {
        return report.generation().modules().stream().map(ModuleBuild::id).sorted().toList();
    }

    /** The modules this generation did not keep from the previous one. */
    private static List<String> rebuilt(BuildReport.Published report) {
        return report.generation().modules().stream().filter(m -> m.state() != ModuleState.KEPT)
                .map(ModuleBuild::id).sorted().toList();
    }

    private static List<String> sources(ProgramModel model, Path project) throws IOException {
        var root = project.toRealPath();
        return model.modules().stream().map(ModuleSource::source)
                .map(s -> (s.startsWith(root) ? root.relativize(s) : project.toAbsolutePath().relativize(s)).toString())
                .sorted().toList();
    }

    /**
     * Runs the generation's {@code main} as {@code prog 1 3} through LoadCheck's driver, with the
     * program's environment and directory as the model describes them and the host's system
     * libraries loaded; returns the last of its three lines.
     */
    private String lastLine(Path project, BuildReport.Published report) throws Exception {
        var model = ProgramModels.load(project, project.resolve(".hcr"));
        var builder = new ProcessBuilder(driver.toString(), report.generation().dir().toString(), "--main", "1", "3")
                .directory(model.workingDir().orElse(project).toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(model.environment());
        // the real host process always has the math library loaded (SystemSymbols.HOST_LIBRARIES),
        // and a module may use it without naming it: a compile database carries no -lm
        builder.environment().put("LD_PRELOAD", "libm.so.6");
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the program did not end");
        assertEquals(0, process.exitValue(), () -> "the program failed:\n" + output);
        var lines = output.lines().toList();
        assertEquals(3, lines.size(), () -> "three ticks:\n" + output);
        return lines.get(2);
    }

    private static void edit(Path project, String file, String from, String to) throws IOException {
        var path = project.resolve(file);
        var text = Files.readString(path);
        assertTrue(text.contains(from), () -> file + " has no " + from);
        Files.writeString(path, text.replace(from, to));
    }

    private static String crcLine(long tick, String text) {
        var crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        var adler = new Adler32();
        adler.update(text.getBytes(StandardCharsets.US_ASCII));
        return "tick %d crc32 %08x adler32 %08x of \"%s\"".formatted(tick, crc.getValue(), adler.getValue(), text);
    }

    private record Ran(int status, String output, String command) {
        boolean ok() {
            return status == 0;
        }

        void check(String what) {
            assertEquals(0, status, () -> what + ": " + command + " failed:\n" + output);
        }
    }

    private static Ran run(Path in, String... command) throws Exception {
        var process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
        return new Ran(process.exitValue(), output, String.join(" ", command));
    }

    /** A fresh copy of projects/{@code name} as {@code dir/<as>}, without anything a manual build left in the fixture. */
    private Path copy(String name, String as) throws IOException {
        var from = fixtures.resolve(name);
        var to = dir.resolve(as);
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                var n = d.getFileName().toString();
                if (!d.equals(from) && (n.equals(".hcr") || n.equals("build"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                var n = file.getFileName().toString();
                if (!n.endsWith(".o") && !n.endsWith(".a") && !(Files.isExecutable(file) && !n.contains("."))) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return to;
    }

    private static Map<String, String> expectations(Path file) throws IOException {
        var lines = new LinkedHashMap<String, String>();
        for (var line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                var space = line.indexOf(' ');
                lines.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return lines;
    }
}
