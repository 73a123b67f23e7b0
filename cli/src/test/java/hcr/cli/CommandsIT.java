package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code hcr build --release} and {@code hcr run}, run to their end as a user runs them. */
@Timeout(300)
class CommandsIT {

    @TempDir
    Path temp;

    /**
     * The release build links the same sources into one ordinary executable: it needs no hcr
     * library, and run as {@code prog 1 3} it prints what the plain build prints (expected.txt).
     * reload-point includes hcr.h, whose API is then empty inline functions.
     */
    @Test
    void releaseBuildIsAnOrdinaryExecutable() {
        for (var fixture : List.of("demo", "reload-point")) {
            var project = Project.copy(fixture, temp);
            var build = Hcr.run(temp, "build", project.dir().toString(), "--release");
            assertEquals(0, build.status(), build::transcript);
            assertEquals(List.of(), build.out(), "build prints nothing on stdout");
            var built = build.err().stream().filter(line -> line.startsWith("hcr: built ")).toList();
            assertEquals(1, built.size(), build::transcript);
            var executable = Path.of(built.get(0).substring("hcr: built ".length()));
            assertTrue(Files.isExecutable(executable), build::transcript);

            var dynamic = Hcr.toolOk(temp, "readelf", "-d", executable.toString());
            assertFalse(dynamic.contains("hcr"), () -> "the executable needs hcr:\n" + dynamic);
            var symbols = Hcr.toolOk(temp, "nm", "-D", executable.toString());
            assertFalse(symbols.contains("hcr"), () -> "the executable refers to hcr:\n" + symbols);

            var lines = Hcr.toolOk(temp, executable.toString(), "1", "3").lines().toList();
            assertEquals(3, lines.size(), lines::toString);
            assertEquals(expectedThirdLine(fixture), lines.get(2));
        }
    }

    /** {@code hcr run} builds, runs the program once with its arguments and ends with its exit status. */
    @Test
    void runEndsWithTheProgramsExitStatus() {
        var demo = Project.copy("demo", temp);
        var run = Hcr.run(temp, "run", demo.dir().toString(), "--", "1", "3");
        assertEquals(0, run.status(), run::transcript);
        assertEquals(3, run.out().size(), run::transcript);
        assertEquals(expectedThirdLine("demo"), run.out().get(2), run::transcript);

        var failing = Project.of(temp, "failing", "main.c",
                "#include <stdio.h>\n\nint main(int argc, char **argv)\n{\n"
                        + "\tprintf(\"%d args, then status 3\\n\", argc - 1);\n\t(void)argv;\n\treturn 3;\n}\n");
        var three = Hcr.run(temp, "run", failing.dir().toString(), "--", "a", "b");
        assertEquals(3, three.status(), three::transcript);
        assertEquals(List.of("2 args, then status 3"), three.out(), three::transcript);
    }

    /** The third line expected.txt gives for a fixture run as {@code prog 1 3}. */
    private static String expectedThirdLine(String fixture) {
        try (var lines = Files.lines(Hcr.fixtures().resolve("expected.txt"))) {
            return lines.filter(line -> line.startsWith(fixture + " ")).map(line -> line.substring(fixture.length() + 1))
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
