package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.testsupport.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects with a description of their own (issue 9), run as a user runs hcr: {@code hcr dev}
 * on the hand-written hcr.toml of test-fixtures/projects/hand-toml picks up every change to
 * it while the program runs — a broken file is reported with its line and key and the program
 * keeps running, a changed define rebuilds and reloads, a source the glob newly matches is
 * loaded — and {@code hcr init} on the make project with two programs lists them, learns the
 * one chosen, and {@code hcr run} then prints what the plain build prints.
 */
@Timeout(300)
class ProjectDevIT {
    /** {@code tick N wave W platform linux label hand}: the label is hcr.toml's [program] env. */
    private static final Pattern WAVE = Pattern.compile("^tick (\\d+) wave (-?\\d+) platform linux label hand$");

    @TempDir
    Path temp;

    @Test
    void aRunningDevPicksUpEveryChangeToHcrToml() {
        var project = Project.copy("projects/hand-toml", temp);
        var toml = project.read("hcr.toml");
        try (var hcr = Hcr.start(temp, "dev", project.dir().toString(), "--port", "0", "--", "50")) {
            long host = hcr.hostPid(1);
            hcr.awaitOut("^tick 3 wave 100 platform linux label hand$");

            // (a) an unknown key: reported with the file, line and key; the program goes on
            project.write("hcr.toml", toml.replace("\ndefines = ", "\ndefinez = "));
            var error = hcr.awaitErr("^hcr: .*hcr\\.toml:16: \\[build\\] definez: unknown key \\(known: ");
            assertTrue(error.line().contains(project.dir().resolve("hcr.toml").toString()), hcr::transcript);
            hcr.awaitErr("^hcr: build failed$", error.index());
            hcr.awaitErr("^hcr: the program keeps running gen 1$", error.index());
            int afterError = hcr.out().size();
            hcr.awaitOutLines(afterError + 3);
            assertAmplitudes(hcr, List.of(100L));

            // (b) fixed, with a new define: every module rebuilt, the one it changes reloaded
            project.write("hcr.toml", toml.replace("\"WAVE_AMPLITUDE=100\"", "\"WAVE_AMPLITUDE=1000\""));
            var reloaded = hcr.awaitErr("^hcr: reloaded src/wave \\(gen 2\\) in \\d+(\\.\\d)? ms" + Hcr.FORWARDED + "$", error.index());
            var ccs = hcr.err().lines().subList(error.index(), reloaded.index()).stream()
                    .filter(line -> line.matches("^\\[\\d+/\\d+\\] CC .*")).sorted().toList();
            assertEquals(3, ccs.size(), () -> "the define is every module's: " + ccs + "\n" + hcr.transcript());
            int first = firstWithAmplitude(hcr, 1000);
            hcr.awaitOutLines(first + 3);
            assertAmplitudes(hcr, List.of(100L, 1000L));

            // (c) a new source the glob matches, used by the module that prints the wave
            project.write("src/offset.c", "long wave_offset(void);\nlong wave_offset(void)\n{\n\treturn 5000;\n}\n");
            project.write("src/wave.c", project.read("src/wave.c")
                    .replace("long wave_value(long tick)\n{", "long wave_offset(void);\n\nlong wave_value(long tick)\n{")
                    .replace("return lround(", "return wave_offset() + lround("));
            hcr.awaitErr("^hcr: .*loaded src/offset[;, (]", reloaded.index());
            int shifted = firstWithAmplitude(hcr, -1);
            hcr.awaitOutLines(shifted + 3);
            assertAmplitudes(hcr, List.of(100L, 1000L, -1L));

            assertEquals(List.of("hcr: started wave (gen 1, pid " + host + ")"), hcr.err().matching("^hcr: started "),
                    () -> "reloads, not restarts\n" + hcr.transcript());
            assertTrue(hcr.isAlive(), hcr::transcript);
        }
    }

    @Test
    void initListsBothProgramsThenLearnsCalcAndRunPrintsThePlainLines() {
        RequiredTool.require(onPath("bear"), "bear (apt-get install bear)");
        RequiredTool.require(onPath("make"), "make");
        var project = Project.copy("projects/make-two-programs", temp);
        var dir = project.dir();

        var both = Hcr.run(temp, "init", dir.toString(), "--", "make");
        assertNotEquals(0, both.status(), both::transcript);
        assertTrue(both.err().contains("hcr init: the build links 2 programs: calc, report; choose one with --target NAME"),
                both::transcript);
        assertTrue(both.err().stream().anyMatch(line -> line.matches("^hcr init: {3}calc {2}\\(.*")), both::transcript);
        assertTrue(both.err().stream().anyMatch(line -> line.matches("^hcr init: {3}report {2}\\(.*")), both::transcript);
        assertFalse(Files.exists(dir.resolve("hcr.toml")), "nothing written");

        Hcr.toolOk(dir, "make", "clean");
        var calc = Hcr.run(temp, "init", dir.toString(), "--target", "calc", "--", "make");
        assertEquals(0, calc.status(), calc::transcript);
        assertTrue(calc.err().contains("hcr init: calc from `make`: 4 modules, no link inputs"), calc::transcript);
        assertTrue(calc.err().contains("hcr init: not modules: 1 source the build compiled outside calc's link (report.c)"),
                calc::transcript);
        assertTrue(calc.err().contains("hcr init: wrote " + dir.resolve("hcr.toml")), calc::transcript);
        assertTrue(Files.isRegularFile(dir.resolve("hcr.toml")), calc::transcript);

        var plain = Hcr.toolOk(dir, dir.resolve("calc").toString(), "1", "3").lines().toList();
        assertEquals(List.of("tick 1 scaled 3 label v1", "tick 2 scaled 6 label v1", "tick 3 scaled 9 label v1"), plain);
        var run = Hcr.run(temp, "run", dir.toString(), "--", "1", "3");
        assertEquals(0, run.status(), run::transcript);
        assertEquals(plain, run.out(), run::transcript);
    }

    /** Index of the first stdout line whose wave has {@code amplitude} (-1: shifted by wave_offset's 5000). */
    private static int firstWithAmplitude(HcrProcess hcr, long amplitude) {
        for (int from = 0; ; from++) {
            var next = hcr.awaitOut("^tick \\d+ wave -?\\d+ ", from);
            if (amplitudeOf(next.line()) == amplitude) {
                return next.index();
            }
            from = next.index();
        }
    }

    /**
     * Every stdout line is a wave line, the ticks one run (no restart), and the amplitudes that
     * produced them are {@code expected} in that order, each for a run of lines.
     */
    private static void assertAmplitudes(HcrProcess hcr, List<Long> expected) {
        var lines = hcr.out().lines();
        var seen = new java.util.ArrayList<Long>();
        long tick = 0;
        for (var line : lines) {
            var m = WAVE.matcher(line);
            assertTrue(m.matches(), () -> "not a wave line: " + line + "\n" + hcr.transcript());
            long next = Long.parseLong(m.group(1));
            assertEquals(tick + 1, next, () -> "the ticks continue: " + line + "\n" + hcr.transcript());
            tick = next;
            long amplitude = amplitudeOf(line);
            if (amplitude != 0 && (seen.isEmpty() || seen.get(seen.size() - 1) != amplitude)) {
                seen.add(amplitude);
            }
        }
        assertEquals(expected, seen, hcr::transcript);
    }

    /**
     * The amplitude whose {@code lround(A * sin(t / 2.0))} the line shows: 100 or 1000, -1 for
     * 5000 plus the 1000 wave, 0 when the tick's sine is too small to tell.
     */
    private static long amplitudeOf(String line) {
        var m = WAVE.matcher(line);
        assertTrue(m.matches(), line);
        long tick = Long.parseLong(m.group(1));
        long wave = Long.parseLong(m.group(2));
        double sine = Math.sin(tick / 2.0);
        if (wave == 5000 + Math.round(1000 * sine)) {
            return -1;
        }
        if (Math.abs(sine) < 0.02) {
            return 0; // 100 and 1000 both round to about nothing
        }
        for (long amplitude : new long[] {100, 1000}) {
            if (wave == Math.round(amplitude * sine)) {
                return amplitude;
            }
        }
        throw new AssertionError("a wave of no known amplitude: " + line);
    }

    private static boolean onPath(String tool) {
        for (var d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
