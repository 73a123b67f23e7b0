package hcr.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashBannerLinesTest {

    private final List<String> seen = new ArrayList<>();
    private final CrashBannerLines lines = new CrashBannerLines(event -> seen.add(describe(event)));

    @Test
    void theBannerIsLeftOutAndTheProgramsOwnHashLinesAreKept() {
        out("tick 1");
        out("#");
        out("tick 2");
        out("#");
        err("# on stderr");
        out("#");
        out(CrashBannerLines.MARKER);
        out("#");
        out("#  SIGSEGV (0xb) at pc=0x00007f, pid=42");
        err("a line on stderr during the banner");
        lines.accept(new HostEvent.Crashed("SIGSEGV", "probe_read", "probe", null));

        assertEquals(List.of("out tick 1", "out #", "out tick 2", "out #", "err # on stderr",
                "err a line on stderr during the banner", "crashed"), seen);
    }

    @Test
    void aHeldHashLineIsPassedOnBeforeTheNextEventAndANewProgramIsHeardAgain() {
        out(CrashBannerLines.MARKER);
        out("lost with the banner");
        lines.programStarting();
        out("#");
        lines.accept(new HostEvent.Exited(0));
        out("tick 1");

        assertEquals(List.of("out #", "exited", "out tick 1"), seen);
    }

    private void out(String line) {
        lines.accept(new HostEvent.Output(HostEvent.Stream.STDOUT, line, Instant.now()));
    }

    private void err(String line) {
        lines.accept(new HostEvent.Output(HostEvent.Stream.STDERR, line, Instant.now()));
    }

    private static String describe(HostEvent event) {
        if (event instanceof HostEvent.Output output) {
            return (output.stream() == HostEvent.Stream.STDOUT ? "out " : "err ") + output.line();
        }
        return event.getClass().getSimpleName().toLowerCase();
    }
}
