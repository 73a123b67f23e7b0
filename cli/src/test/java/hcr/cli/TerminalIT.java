package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.testsupport.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * hcr on a terminal: the program under {@code hcr dev} reads hcr's stdin and its lines come out at
 * once; compile errors are coloured when stderr is a terminal.
 */
@Timeout(300)
class TerminalIT {

    private static final String ESC = "\u001b";

    @TempDir
    Path temp;

    /**
     * stdin-echo (told to {@code listen}) prints {@code tick t heard ...} and then blocks reading
     * stdin. Its first line can only arrive while it blocks if its stdout is line buffered (it
     * never calls fflush; fully buffered, 21 bytes would sit in a 4 KiB buffer). Each line typed
     * reaches the program.
     */
    @Test
    void programReadsTheTerminalAndItsLinesArriveAsPrinted() {
        var project = Project.copy("stdin-echo", temp);
        try (var hcr = Hcr.start(temp, "dev", project.dir().toString(), "--port", "0", "--", "10", "0", "listen")) {
            hcr.awaitOut("^tick 1 heard nothing$");

            hcr.type("hello from the terminal");
            hcr.awaitOut("^tick 2 heard hello from the terminal$");
            hcr.type("ünïcode, unchanged");
            hcr.awaitOut("^tick 3 heard ünïcode, unchanged$");
            hcr.closeStdin();
            hcr.awaitOut("^tick 5 heard nothing$");

            assertEquals(List.of("tick 1 heard nothing", "tick 2 heard hello from the terminal",
                    "tick 3 heard ünïcode, unchanged", "tick 4 heard nothing", "tick 5 heard nothing"),
                    hcr.out().lines().subList(0, 5), hcr::transcript);
            assertEquals(List.of(), hcr.err().matching("^tick "), hcr::transcript);
        }
    }

    /**
     * Compile errors are coloured when stderr is a terminal, whatever stdout and stdin are, and
     * only then. {@code script} gives hcr a real terminal on all three; the shell line inside
     * sends one of them to a file.
     */
    @Test
    void compileErrorsAreColouredWhenStderrIsATerminalOnly() throws IOException {
        RequiredTool.requireExecutable(Path.of("/usr/bin/script"), "script (Debian's bsdutils)");
        var intoFile = Project.copy("demo", Files.createDirectories(temp.resolve("a")));
        intoFile.apply("broken");
        var log = temp.resolve("stderr.log");
        inTerminal(shellLine(Hcr.javaCommand("build", intoFile.dir().toString())) + " 2>" + quote(log.toString()));
        var logged = Files.readString(log);
        assertTrue(logged.contains("sim.c:9:18: error: "), logged);
        assertFalse(logged.contains(ESC), () -> "colour codes in a file:\n" + logged);

        var onScreen = Project.copy("demo", Files.createDirectories(temp.resolve("b")));
        onScreen.apply("broken");
        var screen = inTerminal(shellLine(Hcr.javaCommand("build", onScreen.dir().toString())) + " >"
                + quote(temp.resolve("stdout.log").toString()));
        assertTrue(screen.contains("sim.c:9:18:"), screen);
        assertTrue(screen.contains(ESC + "["), () -> "no colour on a terminal:\n" + screen);
    }

    /** Runs a shell line with stdin, stdout and stderr on a new terminal; returns what the terminal showed. */
    private String inTerminal(String line) {
        var screen = Hcr.tool(temp, "script", "-qec", line, "/dev/null");
        assertTrue(screen.endsWith("\n(exit 1)"), () -> "hcr build of a broken project should fail:\n" + screen);
        return screen;
    }

    private static String shellLine(List<String> command) {
        return command.stream().map(TerminalIT::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
