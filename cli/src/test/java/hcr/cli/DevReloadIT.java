package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hcr dev} on the demo fixture (no hcr header), run as a user runs it: edits saved the
 * ways editors save reach the running program, its state intact, one reload per save; a
 * compile error is shown as the compiler printed it while the old code keeps running.
 */
@Timeout(300)
class DevReloadIT {

    @TempDir
    Path temp;

    @Test
    void savedEditReachesTheRunningProgramWithItsStateKept() {
        var demo = Project.copy("demo", temp);
        try (var hcr = Hcr.start(temp, "dev", demo.dir().toString(), "--port", "0", "--", "50")) {
            long host = hcr.hostPid(1);
            hcr.awaitOut("^tick 3 value 3 step \\+1 total 6$");

            demo.apply("faster");
            var reloaded = hcr.awaitErr("^hcr: reloaded sim \\(gen 2\\) in \\d+(\\.\\d)? ms" + Hcr.FORWARDED + "$");
            var firstNew = hcr.awaitOut("^tick \\d+ value \\d+ step \\+10 total \\d+$");
            hcr.awaitOutLines(firstNew.index() + 4);

            // one run: the tick, sim_value, the static total and render's prev all continue
            assertEquals(List.of(1L, 10L), DemoLine.continuousRun(hcr.out().lines()), hcr::transcript);
            assertTrue(DemoLine.parse(firstNew.line()).tick() > 3, hcr::transcript);
            assertEquals(List.of(reloaded.line()), hcr.err().matching("^hcr: reloaded "), hcr::transcript);
            assertEquals(List.of("hcr: started demo (gen 1, pid " + host + ")"), hcr.err().matching("^hcr: started "),
                    hcr::transcript);
            assertOwnLinesOnStderrOnly(hcr);
        }
    }

    @Test
    void eachEditorSaveReloadsOnce() {
        var demo = Project.copy("demo", temp);
        try (var hcr = Hcr.start(temp, "dev", demo.dir().toString(), "--port", "0", "--", "50")) {
            hcr.awaitOut("^tick 2 ");

            demo.saveByRename("sim.c", demo.read("sim.c").replace("\n#define STEP 1\n", "\n#define STEP 10\n"));
            awaitReloadOfSim(hcr, 2, 10);
            demo.editWithVim("sim.c", "^#define STEP 10$", "#define STEP 20");
            awaitReloadOfSim(hcr, 3, 20);
            demo.editWithSed("sim.c", "s/^#define STEP 20$/#define STEP 30/");
            var last = awaitReloadOfSim(hcr, 4, 30);
            hcr.awaitOutLines(last + 4);

            assertEquals(List.of(1L, 10L, 20L, 30L), DemoLine.continuousRun(hcr.out().lines()), hcr::transcript);
            assertEquals(List.of(2L, 3L, 4L), generations(hcr.err().matching("^hcr: reloaded ")), hcr::transcript);
            assertEquals(List.of(1L, 2L, 3L, 4L), generations(hcr.err().matching("^hcr: published gen ")),
                    hcr::transcript);
            assertEquals(List.of(), hcr.err().matching("^hcr: build failed"), "no build of a half-saved file");
            assertEquals(1, hcr.err().matching("^hcr: started ").size(), hcr::transcript);
            assertOwnLinesOnStderrOnly(hcr);
        }
    }

    @Test
    void compileErrorIsShownAsPrintedAndTheOldCodeRunsUntilTheFix() {
        var demo = Project.copy("demo", temp);
        try (var hcr = Hcr.start(temp, "dev", demo.dir().toString(), "--port", "0", "--", "50")) {
            hcr.awaitOut("^tick 2 ");

            demo.apply("broken");
            var error = hcr.awaitErr("^sim\\.c:9:18: error: .*STPE");
            hcr.awaitErr("^hcr: build failed$", error.index());
            hcr.awaitErr("^hcr: the program keeps running gen 1$", error.index());

            // the same compiler on the same file, run by hand, prints exactly these lines
            var cc = System.getenv("CC") == null ? "cc" : System.getenv("CC");
            var printed = Hcr.tool(demo.dir(), cc, "-c", "-DHCR=1", "-o", "/dev/null", "sim.c").lines()
                    .takeWhile(line -> !line.startsWith("(exit ")).filter(line -> !line.isEmpty()).toList();
            assertTrue(printed.get(0).startsWith("sim.c:9:18: error: "), printed::toString);
            assertTrue(Collections.indexOfSubList(hcr.err().lines(), printed) >= 0,
                    () -> "gcc printed:\n" + String.join("\n", printed) + "\n" + hcr.transcript());

            int afterError = hcr.out().size();
            hcr.awaitOutLines(afterError + 3);
            assertEquals(List.of(1L), DemoLine.continuousRun(hcr.out().lines()), hcr::transcript);

            demo.apply("faster");
            awaitReloadOfSim(hcr, 2, 10);
            assertEquals(List.of(1L, 10L), DemoLine.continuousRun(hcr.out().lines()), hcr::transcript);
            assertEquals(1, hcr.err().matching("^hcr: started ").size(), hcr::transcript);
            assertOwnLinesOnStderrOnly(hcr);
        }
    }

    /**
     * The one line per reload names what the reload did to statics: b03-statics/resize keeps
     * {@code total} and {@code calls}, and starts {@code hist} afresh because its size changed.
     */
    @Test
    void reloadLineCountsSharedStaticsAndNamesResetOnes() {
        var project = Project.copy("b03-statics", temp);
        try (var hcr = Hcr.start(temp, "dev", project.dir().toString(), "--port", "0", "--", "50")) {
            hcr.awaitOut("^tick 2 total 3 calls 2 hist\\[4\\] sum 2 base$");

            project.apply("resize");
            hcr.awaitErr("^hcr: reloaded count \\(gen 2\\) in \\d+(\\.\\d)? ms — 2 statics shared, 1 reset: hist(; \\d+ entries forward)?$");
            var first = hcr.awaitOut("^tick (\\d+) total (\\d+) calls (\\d+) hist\\[16\\] sum 1 resize$");
            long tick = first.number(1);
            assertEquals(tick * (tick + 1) / 2, first.number(2), "total kept");
            assertEquals(tick, first.number(3), "calls kept");
        }
    }

    /** Waits for {@code hcr: reloaded sim (gen N)} and the first line with the new step; returns its index. */
    private static int awaitReloadOfSim(HcrProcess hcr, int generation, int step) {
        hcr.awaitErr("^hcr: reloaded sim \\(gen " + generation + "\\) in \\d+(\\.\\d)? ms" + Hcr.FORWARDED + "$");
        return hcr.awaitOut("^tick \\d+ value \\d+ step \\+" + step + " total \\d+$").index();
    }

    private static List<Long> generations(List<String> lines) {
        return lines.stream().flatMapToLong(line -> {
            var m = java.util.regex.Pattern.compile("gen (\\d+)").matcher(line);
            return m.find() ? LongStream.of(Long.parseLong(m.group(1))) : LongStream.empty();
        }).boxed().toList();
    }

    /**
     * stdout holds only the program's lines (every one a demo line, checked by the caller), and
     * stderr holds only hcr's: its {@code hcr:} lines, ninja-style progress and compiler output,
     * without colour since stderr is not a terminal.
     */
    static void assertOwnLinesOnStderrOnly(HcrProcess hcr) {
        for (var line : hcr.err().lines()) {
            assertTrue(!line.startsWith("tick "), () -> "program output on stderr: " + line);
            assertTrue(line.indexOf('\u001b') < 0, () -> "colour on a pipe: " + line);
        }
        assertTrue(hcr.err().matching("^\\[\\d+/\\d+\\] (CC|LINK) ").size() > 0, hcr::transcript);
    }
}
