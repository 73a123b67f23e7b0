package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.link.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program using hcr.h's macros, built by the Builder: the manifest's hook, uses and static
 * records, and the real runtime loading the generations (docs/internals.md section 10).
 */
class ProgramHooksTest {
    /** The leaf: app uses it, top uses app. One handler is a global function (it has a stub). */
    private static final String COUNTER = """
            #include <stdio.h>
            #include "hcr.h"

            struct tally { int n; int spare; };
            static int calls;

            static void counter_init(void) { printf("counter init\\n"); }
            HCR_INIT(counter_init);
            void counter_before(void) { printf("counter before\\n"); }
            HCR_BEFORE_RELOAD(counter_before);
            static void counter_after(void) { printf("counter after %d\\n", calls); }
            HCR_AFTER_RELOAD(counter_after);
            HCR_STATE(struct tally, tally, { 40, 2 });

            int count(void) { calls++; return ++tally->n; }
            """;
    private static final String APP = """
            #include <stdio.h>
            #include "hcr.h"

            int count(void);
            static void app_init(void) { printf("app init\\n"); }
            HCR_INIT(app_init);
            static void app_before(void) { printf("app before\\n"); }
            HCR_BEFORE_RELOAD(app_before);
            static void app_after(void) { printf("app after\\n"); }
            HCR_AFTER_RELOAD(app_after);

            int run(void) { return count() * 10; }
            """;
    private static final String TOP = """
            #include <stdio.h>
            #include "hcr.h"

            int run(void);
            static void top_init(void) { printf("top init\\n"); }
            HCR_INIT(top_init);
            static void top_before(void) { printf("top before\\n"); }
            HCR_BEFORE_RELOAD(top_before);
            static void top_after(void) { printf("top after\\n"); }
            HCR_AFTER_RELOAD(top_after);

            int top(void) { return run() + 1; }
            """;
    private static final Pattern SYMBOL = Pattern.compile(
            "\\s*\\d+: ([0-9a-f]+)\\s+(\\d+) OBJECT\\s+LOCAL\\s+DEFAULT\\s+\\d+ hcr__(init|before|after|state)__(\\S+)");

    @TempDir
    static Path tools;
    static ReloadDriver driver;

    @TempDir
    Path dir;
    ProjectFiles project;
    Builder builder;

    @BeforeAll
    static void driver() {
        driver = new ReloadDriver(tools);
    }

    @BeforeEach
    void project() {
        project = new ProjectFiles(dir).write("counter.c", COUNTER).write("app.c", APP).write("top.c", TOP);
        builder = new Builder(project.config(), new RecordingListener());
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

    /** The hook descriptors of a library as readelf shows them, in offset order. */
    private List<Manifest.Hook> readelfHooks(String module, Path library) {
        return project.run("readelf", "-sW", library.toString()).lines().map(SYMBOL::matcher)
                .filter(java.util.regex.Matcher::matches)
                .map(m -> new Manifest.Hook(module, m.group(3), m.group(4), Long.parseLong(m.group(1), 16),
                        Long.parseLong(m.group(2))))
                .sorted(Comparator.comparingLong(Manifest.Hook::offset)).toList();
    }

    private List<Manifest.Hook> hooksOf(Manifest manifest, String module) {
        return manifest.hooks().stream().filter(h -> h.moduleId().equals(module)).toList();
    }

    private Path library(Generation generation, String module) {
        var file = generation.modules().stream().filter(m -> m.id().equals(module)).findFirst().orElseThrow().library();
        return generation.dir().resolve(file);
    }

    @Test
    void theManifestListsHooksAtTheirOffsetsTheUsesGraphAndNoHookStatics() throws IOException {
        var generation = published(builder.build());
        var manifest = Manifest.read(generation.manifest());

        var counterHooks = hooksOf(manifest, "counter");
        assertEquals(readelfHooks("counter", library(generation, "counter")), counterHooks);
        assertEquals(List.of("after counter_after 8", "before counter_before 8", "init counter_init 8", "state tally 32"),
                counterHooks.stream().map(h -> h.kind() + " " + h.name() + " " + h.size()).sorted().toList());
        for (var module : List.of("app", "top")) {
            var hooks = hooksOf(manifest, module);
            assertEquals(readelfHooks(module, library(generation, module)), hooks);
            assertEquals(List.of("init", "before", "after"), hooks.stream().map(Manifest.Hook::kind).toList(),
                    "source order: the handlers are static functions alike");
        }
        assertEquals(List.of(new Manifest.Uses("app", List.of("counter")), new Manifest.Uses("top", List.of("app"))),
                manifest.uses());
        assertEquals(List.of("calls"), manifest.statics().stream().map(Manifest.Static::name).toList(),
                "no descriptor, no state pointer: " + manifest.statics());

        var text = Files.readString(generation.manifest());
        assertTrue(text.contains("\nuses app counter\nuses top app\nhook "), text);
        var hook = counterHooks.get(0);
        assertTrue(text.contains("\nhook counter " + hook.kind() + " " + hook.name() + " 0x"
                + Long.toHexString(hook.offset()) + " " + hook.size() + "\n"), text);
    }

    @Test
    void keptModulesKeepTheirHooksAcrossBuildsAndBuilders() throws IOException {
        var first = Manifest.read(published(builder.build()).manifest());
        project.write("app.c", APP.replace("count() * 10", "count() * 100"));

        var second = published(builder.build());
        var manifest = Manifest.read(second.manifest());

        assertEquals(List.of(new Manifest.Module("app", "libapp.g2.so", "changed"),
                new Manifest.Module("counter", "libcounter.g1.so", "kept"),
                new Manifest.Module("top", "libtop.g1.so", "kept")), manifest.modules());
        assertEquals(hooksOf(first, "counter"), hooksOf(manifest, "counter"));
        assertEquals(hooksOf(first, "top"), hooksOf(manifest, "top"));
        assertEquals(readelfHooks("app", library(second, "app")), hooksOf(manifest, "app"));
        assertEquals(first.statics(), manifest.statics());
        assertEquals(first.uses(), manifest.uses());

        builder.close();
        builder = new Builder(project.config(), new RecordingListener());
        project.write("top.c", TOP.replace("run() + 1", "run() + 2"));
        var third = Manifest.read(published(builder.build()).manifest());

        assertEquals(hooksOf(first, "counter"), hooksOf(third, "counter"), "from the saved build state");
        assertEquals(hooksOf(manifest, "app"), hooksOf(third, "app"));
        assertEquals(first.statics(), third.statics());
    }

    @Test
    void anOptimisingBuildKeepsTheHooksInSourceOrder() throws IOException {
        try (var optimising = new Builder(project.config().withCflags(List.of("-O2")), new RecordingListener())) {
            var generation = published(optimising.build());
            var manifest = Manifest.read(generation.manifest());

            for (var module : List.of("app", "top")) {
                assertEquals(List.of("init", "before", "after"),
                        hooksOf(manifest, module).stream().map(Manifest.Hook::kind).toList());
                assertEquals(readelfHooks(module, library(generation, module)), hooksOf(manifest, module));
            }
        }
    }

    @Test
    void aProgramVariableUnderAReservedHookNameFailsTheBuild() {
        project.write("app.c", APP + "__attribute__((used)) static int hcr__init__oops = 1;\n");

        var failed = assertInstanceOf(BuildReport.Failed.class, builder.build());

        assertTrue(failed.problems().stream().anyMatch(p -> p.contains("module 'app'") && p.contains("hcr__init__oops")
                && p.contains("4 bytes")), failed.problems().toString());
        assertFalse(Files.exists(project.gen(1)));
    }

    private static List<String> printed(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("event ")).toList();
    }

    private static List<String> events(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("event ")).toList();
    }

    @Test
    void theRuntimeRunsTheHooksLeavesFirstAndEachInitOnce() {
        published(builder.build());
        try (var host = driver.start(dir.resolve(".hcr"))) {
            var init = host.send("init");
            assertEquals(List.of("counter init", "app init", "top init", "init=0"), printed(init));
            assertEquals(List.of("event {\"type\":\"state\",\"module\":\"counter\",\"name\":\"tally\","
                    + "\"action\":\"created\",\"old_size\":0,\"new_size\":8}"), events(init));
            assertEquals(List.of("count=41"), host.send("call count"));
            assertEquals(List.of("top=421"), host.send("call top"));

            project.write("app.c", APP.replace("count() * 10", "count() * 100").replace("app after", "app 2 after"));
            published(builder.build());
            assertEquals(List.of("counter before", "app before", "top before", "counter after 2", "app 2 after", "top after", "reload=1"), host.send("reload"));
            assertEquals(List.of("top=4301"), host.send("call top"), "the state and the static carried on: 43");

            project.write("extra.c", """
                    #include <stdio.h>
                    #include "hcr.h"
                    int count(void);
                    static void extra_init(void) { printf("extra init %d\\n", count()); }
                    HCR_INIT(extra_init);
                    static void extra_after(void) { printf("extra after\\n"); }
                    HCR_AFTER_RELOAD(extra_after);
                    """);
            published(builder.build());
            assertEquals(List.of("counter before", "app before", "top before", "extra init 44",
                    "counter after 4", "app 2 after", "extra after", "top after", "reload=1"), host.send("reload"));
            assertEquals(List.of("reload=0"), host.send("reload"));
        }
    }
}
