package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hcr.testsupport.RequiredTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * B22 under {@code hcr dev}, run as a user runs it (the shaded jar): a global struct and a static
 * struct with swapped fields get fresh storage and are reset, each reported by field; a heap struct
 * that gains a field asks whether to restart, on a terminal {@code r} then Enter restarts (under
 * {@code script}, a real terminal), and {@code --restart-on-layout-change} restarts on its own. The
 * console's history entry of each generation lists its struct types too, whenever they are known.
 */
@Timeout(300)
class LayoutIT {

    /** hcr writes {@code →}, or {@code ->} when its stderr cannot (a POSIX locale). */
    private static final String ARROW = "(?:→|->)";
    private static final String PARTICLE = "struct particle changed layout \\(vel: offset 8 " + ARROW
            + " 16, mass: added at offset 8\\)";
    private static final String GROWN = PARTICLE + "; objects made before gen 2 are read with the new layout — ";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void swappedFieldsGetFreshStorageAndAHeapStructAsksForARestart() {
        var project = Project.copy("b22-layout", temp);
        try (var hcr = Hcr.start(temp, "dev", project.dir().toString(), "--port", "0", "--", "20")) {
            long host = hcr.hostPid(1);
            hcr.awaitOut("^tick 3 world ticks 3 score 30 calls 3 v1 swarm id 7 vel 4\\.5 v1$");

            project.apply("swap");
            var swapped = "\\(score: offset 4 " + ARROW + " 0, ticks: offset 0 " + ARROW + " 4\\)";
            hcr.awaitErr("^hcr: 'world' \\(module world\\) changed layout " + swapped + ": fresh storage$");
            hcr.awaitErr("^hcr: static 'tally' \\(module world\\) changed layout \\(checks: offset 4 " + ARROW
                    + " 0, calls: offset 0 " + ARROW + " 4\\): reset$");
            hcr.awaitErr("^hcr: reloaded world \\(gen 2\\) in [0-9.]+ ms.*; layout changed: 'world' \\(fresh storage\\),"
                    + " static 'tally' \\(reset\\)$");
            hcr.awaitErr("^hcr: struct world changed layout " + swapped
                    + "; objects made before gen 2 are read with the new layout — restart\\?$");
            hcr.awaitErr("^hcr: restart from the console, or run hcr dev --restart-on-layout-change");
            // fresh storage and a reset static: the new code starts both again
            var first = hcr.awaitOut("^tick (\\d+) world ticks 1 score 10 calls 1 v2 swarm id 7 vel ([0-9.]+) v1$");
            assertTrue(first.number(1) > 3, hcr::transcript);

            project.apply("grow");
            hcr.awaitErr("^hcr: " + GROWN.replace("gen 2", "gen 3") + "restart\\?$");
            hcr.awaitOut(" mass [0-9.]+ vel [0-9.]+ v2$");
            assertEquals(List.of("hcr: started b22-layout (gen 1, pid " + host + ")"), hcr.err().matching("^hcr: started "),
                    "asked, not restarted:\n" + hcr.transcript());

            // the console's history: the struct types in the reload entries, after the globals and statics
            var second = awaitLayoutLine(hcr, "reload", 2, "^struct world changed layout " + swapped + "$");
            assertTrue(second.get(0).startsWith("'world' (module world) changed layout"), second::toString);
            awaitLayoutLine(hcr, "reload", 3, "^" + PARTICLE + "$");
        }
    }

    @Test
    void restartOnLayoutChangeRestartsTheProgramOnItsOwn() {
        var project = Project.copy("b22-layout", temp);
        try (var hcr = Hcr.start(temp, "dev", project.dir().toString(), "--port", "0", "--restart-on-layout-change",
                "--", "20")) {
            long host = hcr.hostPid(1);
            hcr.awaitOut("^tick 3 world ");

            project.apply("grow");
            hcr.awaitErr("^hcr: " + GROWN + "restarting \\(--restart-on-layout-change\\)$");
            long again = hcr.hostPid(2);
            assertNotEquals(host, again, hcr::transcript);
            hcr.awaitOut("^tick 1 world ticks 1 score 10 calls 1 v1 swarm id 7 mass 2\\.0 vel 1\\.5 v2$");
            assertEquals(List.of(), hcr.err().matching("^hcr: reloaded swarm "), "restarted instead:\n" + hcr.transcript());
            assertEquals(List.of("struct particle changed layout (vel: offset 8 → 16, mass: added at offset 8)"),
                    awaitLayoutLine(hcr, "start", 2, "^" + PARTICLE + "$"), "the start it restarted for says why");
        }
    }

    /**
     * Waits until the console's history ({@code GET /api/state}) has an entry of {@code kind} for
     * {@code generation} with a layout line matching {@code regex}, and returns its layout lines;
     * there must be only one entry of that generation (amended in place, not added again).
     */
    private static List<String> awaitLayoutLine(HcrProcess hcr, String kind, int generation, String regex) {
        var console = hcr.console();
        var pattern = java.util.regex.Pattern.compile(regex);
        long deadline = System.nanoTime() + Hcr.PATIENCE.toNanos();
        while (true) {
            var response = console.get("/api/state");
            assertEquals(200, response.statusCode(), response::body);
            JsonNode history;
            try {
                history = JSON.readTree(response.body()).get("history");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            var entries = StreamSupport.stream(history.spliterator(), false)
                    .filter(entry -> entry.get("generation").asInt() == generation).toList();
            assertTrue(entries.size() <= 1, () -> "one entry of gen " + generation + ": " + history);
            if (entries.size() == 1 && entries.get(0).get("kind").asText().equals(kind)) {
                var lines = new ArrayList<String>();
                entries.get(0).get("layout").forEach(line -> lines.add(line.asText()));
                if (lines.stream().anyMatch(line -> pattern.matcher(line).find())) {
                    return lines;
                }
            }
            if (System.nanoTime() > deadline) {
                return fail("no " + kind + " entry of gen " + generation + " with " + regex + " in " + history
                        + "\n" + hcr.transcript());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }
    }

    /**
     * On a terminal (script gives hcr a real one on stdin, stdout and stderr, all in its output),
     * {@code r} then Enter, typed while the question is open, restarts the program; the program,
     * which does not read its stdin, keeps running until then.
     */
    @Test
    void rThenEnterOnTheTerminalRestartsTheProgram() throws IOException {
        RequiredTool.requireExecutable(Path.of("/usr/bin/script"), "script (Debian's bsdutils)");
        var project = Project.copy("b22-layout", temp);
        var command = Hcr.javaCommand("dev", project.dir().toString(), "--port", "0", "--", "20").stream()
                .map(LayoutIT::quote).collect(Collectors.joining(" "));
        var process = new ProcessBuilder("script", "-qfec", command, "/dev/null").directory(temp.toFile()).start();
        try (var screen = new HcrProcess(process, "dev (in script)")) {
            restartOnTheTerminal(project, screen);
            screen.type("\u0003"); // Ctrl-C, as the terminal sends it to hcr's process group
        } finally {
            process.descendants().forEach(ProcessHandle::destroy); // whatever the interrupt left
        }
    }

    private static void restartOnTheTerminal(Project project, HcrProcess screen) {
        screen.awaitOut("^hcr: started b22-layout \\(gen 1, pid (\\d+)\\)");
        screen.awaitOut("^tick 3 world ");

        project.apply("grow");
        screen.awaitOut("^hcr: " + GROWN + "restart\\?");
        screen.awaitOut("^hcr: r then Enter restarts the program, n keeps it running");
        screen.type("r");
        screen.awaitOut("^hcr: restarting the program on gen 2");
        screen.awaitOut("^hcr: started b22-layout \\(gen 2, pid (\\d+)\\)");
        screen.awaitOut("^tick 1 world ticks 1 score 10 calls 1 v1 swarm id 7 mass 2\\.0 vel 1\\.5 v2");
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
