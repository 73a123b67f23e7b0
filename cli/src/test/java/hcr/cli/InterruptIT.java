package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C stops the program and the dev server and leaves nothing behind: neither the host
 * whose pid {@code hcr: started} named, nor anything else in hcr's process group, nor the
 * private folder of the host's control socket.
 */
@Timeout(300)
class InterruptIT {

    /** How a JVM ends on SIGINT: 128 + 2. */
    private static final int SIGINT_STATUS = 130;

    @TempDir
    Path temp;

    /** {@code kill -INT <hcr>}: only the dev server gets the signal and must stop the host itself. */
    @Test
    void sigintToTheDevServerStopsTheProgramToo() {
        interruptRunningDemo(HcrProcess::interrupt);
    }

    /** Ctrl-C in a terminal: the whole foreground process group, host included, gets SIGINT. */
    @Test
    void ctrlCToTheProcessGroupLeavesNoProcessBehind() {
        interruptRunningDemo(HcrProcess::interruptGroup);
    }

    private void interruptRunningDemo(Consumer<HcrProcess> interrupt) {
        var demo = Project.copy("demo", temp);
        try (var hcr = Hcr.start(temp, "dev", demo.dir().toString(), "--port", "0", "--", "50")) {
            long host = hcr.hostPid(1);
            hcr.awaitOut("^tick 2 ");
            assertTrue(ProcessGroup.members(hcr.pid()).containsAll(Set.of(hcr.pid(), host)),
                    "the dev server and its host are in the job's process group");

            var arguments = ProcessGroup.commandLine(host);
            var socketDir = Path.of(arguments.get(arguments.indexOf("--control") + 1)).getParent();
            assertTrue(Files.isDirectory(socketDir), socketDir::toString);

            interrupt.accept(hcr);

            assertEquals(SIGINT_STATUS, hcr.awaitExit(), hcr::transcript);
            hcr.awaitStreamsEnd();
            assertTrue(ProcessGroup.awaitGone(host), () -> "host " + host + " is left\n" + hcr.transcript());
            assertTrue(ProcessGroup.awaitEmpty(hcr.pid()), () -> "left in the group: "
                    + ProcessGroup.members(hcr.pid()) + "\n" + hcr.transcript());
            assertFalse(Files.exists(socketDir), () -> "the host's control folder is left: " + socketDir);
            DemoLine.continuousRun(hcr.out().lines());
            // the host may die of the group's SIGINT before the server starts closing: that is
            // Ctrl-C doing its job, not a crash to report (the server waits a second before
            // reporting a death by SIGINT, and is gone by then)
            assertEquals(List.of(), hcr.err().matching(" crashed: "), hcr::transcript);
        }
    }
}
