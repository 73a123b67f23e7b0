package hcr.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.BuildReport;
import hcr.loader.CrashBannerLines;
import hcr.loader.HostEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's model fed by a real build and a real program, the way the dev session feeds it. */
class ConsoleStateTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static Map<String, ModuleView> modules(ConsoleState state) {
        return state.snapshot().modules().stream().collect(Collectors.toMap(ModuleView::id, Function.identity()));
    }

    @Test
    void aSessionFromFirstBuildThroughReloadErrorAndFix() throws Exception {
        try (var project = ConsoleProject.fixture("demo", dir)) {
            var state = project.state();
            var first = project.published();
            var rows = modules(state);
            assertEquals(List.of("main", "render", "sim", "stats"), List.copyOf(new java.util.TreeSet<>(rows.keySet())));
            var sim = rows.get("sim");
            assertEquals("pending", sim.state(), "built, not loaded yet");
            assertEquals(1, sim.functions(), "sim_step");
            assertEquals(1, sim.globals(), "sim_value");
            assertEquals(Files.size(first.dir().resolve("libsim.g1.so")), sim.librarySize());
            assertNotNull(sim.compileMicros());
            assertEquals(new BuildView("published", 1, state.snapshot().build().startedAtMillis(),
                    first.timings().totalMicros()), state.snapshot().build());

            var host = project.start("20");
            host.awaitEvent(HostEvent.Started.class, WAIT);
            host.awaitOutput("^tick 2 ", WAIT);
            var program = Eventually.until(WAIT, () -> state.snapshot().program(), p -> p.state().equals("running"));
            assertEquals("running", program.state());
            assertEquals(host.pid(), program.pid());
            assertEquals(1, program.generation());
            assertEquals("loaded", modules(state).get("sim").state());
            assertEquals(1, modules(state).get("sim").loadedGeneration());
            var start = state.snapshot().history().get(0);
            assertEquals(List.of("start", 1, "ok"), List.of(start.kind(), start.generation(), start.result()));
            assertNull(start.editToEffectMicros(), "nobody edited anything");

            project.apply("faster");
            assertEquals("changed", modules(state).get("sim").state());
            project.published();
            assertEquals("pending", modules(state).get("sim").state());
            host.requestReload().get(60, java.util.concurrent.TimeUnit.SECONDS);
            host.awaitEvent(HostEvent.GenerationLoaded.class, e -> e.generation() == 2, WAIT);
            host.awaitOutput("step \\+10 ", WAIT);
            var after = Eventually.until(WAIT, () -> modules(state), m -> m.get("sim").loadedGeneration() == 2
                    && !state.snapshot().history().isEmpty() && state.snapshot().history().get(0).generation() == 2);
            assertEquals("loaded", after.get("sim").state());
            assertEquals(2, after.get("sim").loadedGeneration());
            assertEquals("up-to-date", after.get("main").state());
            var reload = state.snapshot().history().get(0);
            assertEquals(List.of("reload", 2, 1, List.of("sim"), "ok"),
                    List.of(reload.kind(), reload.generation(), reload.previous(), reload.reloaded(), reload.result()));
            assertNotNull(reload.editToEffectMicros());
            assertEquals(List.of("watch", "wait", "scan", "compile", "link", "publish", "apply", "other"),
                    reload.phases().stream().map(ReloadEntry.Phase::name).toList());
            long sum = reload.phases().stream().mapToLong(ReloadEntry.Phase::micros).sum();
            assertTrue(Math.abs(sum - reload.editToEffectMicros()) <= 8, sum + " vs " + reload.editToEffectMicros());
            assertTrue(reload.phases().get(3).micros() > 0, "compiling takes time");
            assertEquals(reload.editToEffectMicros(), state.snapshot().program().lastEditToEffectMicros());
            assertEquals(1, state.snapshot().chart().size());
            // the host's own listener saw the line; the console's listener may get it a moment later
            assertTrue(Eventually.until(WAIT, () -> state.snapshot().output().stream()
                    .anyMatch(l -> l.text().contains("step +10")), seen -> seen));
            assertTrue(state.snapshot().log().stream().anyMatch(l -> l.text().equals("[1/3] CC sim.c")),
                    "the build's progress lines: " + state.snapshot().log());

            project.apply("broken");
            assertInstanceOf(BuildReport.Failed.class, project.build());
            var errors = state.snapshot().errors();
            assertTrue(errors.failed());
            assertEquals("sim.c", errors.files().get(0).path());
            assertTrue(errors.files().get(0).inProject());
            var message = errors.files().get(0).messages().get(0);
            assertEquals(List.of(9, 18, "error"), List.of(message.line(), message.column(), message.severity()));
            assertTrue(message.text().contains("STPE"), message.text());
            assertEquals("failed", modules(state).get("sim").state());
            assertEquals("failed", state.snapshot().build().state());
            assertEquals("running", state.snapshot().program().state(), "the program keeps running");

            project.apply("faster");
            assertEquals(new BuildReport.UpToDate(2), project.build(), "back to generation 2's sources");
            assertFalse(state.snapshot().errors().failed(), "fixed: the errors are gone");
            assertEquals("loaded", modules(state).get("sim").state());

            host.stop();
            Eventually.until(WAIT, () -> state.snapshot().program().state(), "stopped"::equals);
        }
    }

    @Test
    void aCrashNamesSignalFunctionAndModule() throws Exception {
        try (var project = ConsoleProject.fixture("crash", dir)) {
            var state = project.state();
            project.published();
            var host = project.start("20");
            host.awaitOutput("^tick 5 ", WAIT);
            project.apply("null");
            project.published();
            host.requestReload();
            host.awaitEnding(WAIT);
            var program = Eventually.until(WAIT, () -> state.snapshot().program(), p -> p.state().equals("crashed"));
            assertEquals(List.of("crashed", "SIGSEGV", "probe_read", "probe"),
                    java.util.Arrays.asList(program.state(), program.signal(), program.function(), program.module()));
            assertNotNull(program.endedAtMillis());
            var output = texts(state);
            assertTrue(output.get(output.size() - 1).matches("^tick \\d+ probe \\d+$"),
                    () -> "the program's last line last, no crash banner of the host JVM: " + output);
            assertFalse(output.stream().anyMatch(line -> line.startsWith("#")), output::toString);

            project.apply("fixed");
            project.published();
            project.start("20").awaitOutput("^tick 1 ", WAIT);
            Eventually.until(WAIT, () -> state.snapshot().program().state(), "running"::equals);
            assertNull(state.snapshot().program().signal());
            var start = state.snapshot().history().get(0);
            assertEquals(List.of("start", 3), List.of(start.kind(), start.generation()));
            assertNotNull(start.editToEffectMicros(), "the fix's edit took effect when the program started again");
        }
    }

    @Test
    void aDeletedModuleIsRemovedAndAFileThatNeverBuiltIsForgotten() throws Exception {
        try (var project = ConsoleProject.of(dir, "two", Map.of("main.c", "int main(void) { return 0; }\n",
                "extra.c", "int extra(void) { return 1; }\n"))) {
            var state = project.state();
            project.published();
            Files.delete(project.dir().resolve("extra.c"));
            state.changesSeen(List.of(project.dir().resolve("extra.c"), project.dir().resolve("notes.txt")),
                    System.nanoTime(), System.nanoTime());
            assertEquals("changed", modules(state).get("extra").state());
            assertEquals(2, modules(state).size(), "only .c files are modules");
            var generation = project.published();
            assertEquals(List.of("extra"), generation.removed());
            assertEquals("removed", modules(state).get("extra").state());

            project.edit("scratch.c", "this is not C\n");
            assertEquals("changed", modules(state).get("scratch").state());
            assertInstanceOf(BuildReport.Failed.class, project.build());
            assertEquals("failed", modules(state).get("scratch").state());
            Files.delete(project.dir().resolve("scratch.c"));
            state.changesSeen(List.of(project.dir().resolve("scratch.c")), System.nanoTime(), System.nanoTime());
            project.build();
            assertFalse(modules(state).containsKey("scratch"), "never built, now gone: " + modules(state).keySet());
        }
    }

    @Test
    void outputIsBoundedAndDroppingIsCounted() {
        var state = new ConsoleState(dir, dir.resolve(".hcr"));
        var now = Instant.now();
        for (int i = 1; i <= 12_345; i++) {
            state.hostEvent(new HostEvent.Output(HostEvent.Stream.STDOUT, "line " + i, now));
        }
        state.hostEvent(new HostEvent.Output(HostEvent.Stream.STDERR, "x".repeat(100_000), now));
        var snapshot = state.snapshot();
        assertEquals(10_000, snapshot.output().size());
        assertEquals(2_346, snapshot.outputDropped());
        assertEquals("line 2347", snapshot.output().get(0).text());
        assertEquals(2347, snapshot.output().get(0).seq());
        var last = snapshot.output().get(9_999);
        assertEquals("stderr", last.stream());
        assertTrue(last.text().length() < 4200 && last.text().endsWith("(95904 more characters)"), last.text().substring(4000));
    }

    /** Kept out as the terminal keeps it out: the JVM's words, not the program's (see ConsoleState.output). */
    @Test
    void theHostJvmsCrashBannerIsNotShownAsTheProgramsOutput() {
        var state = new ConsoleState(dir, dir.resolve(".hcr"));
        for (var line : List.of("tick 1", "#", "tick 2", "#", "#", CrashBannerLines.MARKER, "#",
                "#  SIGSEGV (0xb) at pc=0x00007f0e5c0d1119, pid=4242, tid=4243", "#", "# Problematic frame:",
                "# C  [libprobe.g2.so+0x1119]  hcr.probe_read+0x20", "#")) {
            state.hostEvent(stdout(line));
        }
        state.hostEvent(new HostEvent.Output(HostEvent.Stream.STDERR, "on stderr", Instant.now()));
        state.hostEvent(new HostEvent.Crashed("SIGSEGV", "probe_read", "probe", null));
        assertEquals(List.of("tick 1", "#", "tick 2", "#", "on stderr"), texts(state));

        state.programStarting();
        state.hostEvent(stdout("tick 1"));
        state.hostEvent(stdout("#"));
        assertEquals("tick 1", last(texts(state)), "a '#' waits for what comes next");
        state.hostEvent(new HostEvent.Exited(0));
        assertEquals(List.of("tick 1", "#"), texts(state).subList(5, 7), "a program's own '#' is shown");
        assertEquals(7, state.snapshot().output().get(6).seq());
    }

    private static HostEvent.Output stdout(String line) {
        return new HostEvent.Output(HostEvent.Stream.STDOUT, line, Instant.now());
    }

    private static List<String> texts(ConsoleState state) {
        return state.snapshot().output().stream().map(OutputLine::text).toList();
    }

    private static String last(List<String> list) {
        return list.get(list.size() - 1);
    }

    @Test
    void whilePausedEditToEffectIsNotMeasured() {
        var state = new ConsoleState(dir, dir.resolve(".hcr"));
        state.reloadsPaused(true);
        assertTrue(state.snapshot().program().paused());
        state.changesSeen(List.of(dir.resolve("sim.c")), System.nanoTime(), System.nanoTime());
        assertEquals("changed", state.snapshot().modules().get(0).state());
        state.buildStarted();
        state.buildFinished(new BuildReport.Failed(List.of(), "cc: fatal error\n", List.of("the compiler failed")));
        var errors = state.snapshot().errors();
        assertEquals(List.of("the compiler failed"), errors.problems());
        assertEquals("cc: fatal error\n", errors.output(), "no diagnostic: the raw output is shown");
        state.hostEvent(new HostEvent.GenerationLoaded(1, 0, Map.of(), Map.of("total", 5L)));
        assertNull(state.snapshot().history().get(0).editToEffectMicros());
    }
}
