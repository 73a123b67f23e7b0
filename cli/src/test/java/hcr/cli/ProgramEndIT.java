package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that crashes or exits never ends {@code hcr dev}: the end is reported, the server
 * keeps watching, and the next good build starts the program again in a new process.
 */
@Timeout(300)
class ProgramEndIT {

    @TempDir
    Path temp;

    @Test
    void crashIsReportedWithItsFunctionAndTheNextGoodBuildRestartsTheProgram() {
        var crash = Project.copy("crash", temp);
        try (var hcr = Hcr.start(temp, "dev", crash.dir().toString(), "--port", "0", "--", "50")) {
            long first = hcr.hostPid(1);
            hcr.awaitOut("^tick 2 probe 4$");

            crash.apply("null"); // probe_read() dereferences NULL from tick 4 on
            var report = hcr.awaitErr("^hcr: crash crashed: SIGSEGV in probe_read\\(\\) \\(module probe\\)");
            assertTrue(report.line().endsWith(" — restarting on the next good build"), hcr::transcript);
            assertTrue(hcr.isAlive(), () -> "the dev server ended with the program\n" + hcr.transcript());
            assertTrue(ProcessGroup.awaitGone(first), "the crashed host is gone");

            crash.apply("fixed");
            long second = hcr.hostPid(2);
            assertNotEquals(first, second, "a new process");
            hcr.awaitErr("^hcr: started crash \\(gen 3, pid " + second + "\\)$");
            var fresh = hcr.awaitOut("^tick 1 probe 4$");
            hcr.awaitOut("^tick 3 probe 12$", fresh.index());
            assertEquals(1, hcr.err().matching(" crashed: ").size(), hcr::transcript);
        }
    }

    @Test
    void exitIsReportedWithItsStatusAndTheNextBuildRestartsTheProgram() {
        var demo = Project.copy("demo", temp);
        try (var hcr = Hcr.start(temp, "dev", demo.dir().toString(), "--port", "0", "--", "20", "4")) {
            long first = hcr.hostPid(1);
            hcr.awaitErr("^hcr: demo exited with status 0 — restarting on the next good build$");
            assertEquals(List.of(1L), DemoLine.continuousRun(hcr.out().lines()), hcr::transcript);
            assertEquals(4, hcr.out().size(), hcr::transcript);
            assertTrue(hcr.isAlive(), () -> "the dev server ended with the program\n" + hcr.transcript());

            demo.apply("faster");
            var started = hcr.awaitErr("^hcr: started demo \\(gen 2, pid (\\d+)\\)$");
            assertNotEquals(first, started.number(1), "a new process");
            hcr.awaitErr("^hcr: demo exited with status 0 — restarting on the next good build$", started.index());
            var restarted = hcr.out().lines().subList(4, hcr.out().size());
            assertEquals(4, restarted.size(), hcr::transcript);
            assertEquals(List.of(10L), DemoLine.continuousRun(restarted), hcr::transcript);
        }
    }

    /** SIGINT to the program alone (not Ctrl-C, which reaches the server too) is a death like any other. */
    @Test
    void programKilledBySigintAloneIsReportedAndRestarted() {
        var demo = Project.copy("demo", temp);
        try (var hcr = Hcr.start(temp, "dev", demo.dir().toString(), "--port", "0", "--", "50")) {
            long first = hcr.hostPid(1);
            hcr.awaitOut("^tick 2 ");

            Hcr.toolOk(temp, "kill", "-INT", Long.toString(first));
            hcr.awaitErr("^hcr: demo crashed: SIGINT — restarting on the next good build$");
            assertTrue(hcr.isAlive(), () -> "the dev server ended with the program\n" + hcr.transcript());

            demo.apply("faster");
            var started = hcr.awaitErr("^hcr: started demo \\(gen 2, pid (\\d+)\\)$");
            assertNotEquals(first, started.number(1), "a new process");
            hcr.awaitOut("^tick 1 value 10 step \\+10 total 10$");
        }
    }
}
