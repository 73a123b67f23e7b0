package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hcr smoke} as CI runs it: every scenario file of {@code test-fixtures/scenarios} (one for
 * SCENARIOS.md's A and each of B1 to B21 at least) through the shaded jar, each in a process of its
 * own; a scenario that fails fails its test with hcr's report. Then scenarios that must fail, to show
 * that failures are reported precisely, in the JUnit XML too, and end in a non-zero status.
 */
class SmokeIT {

    /** B15 makes a thousand real reloads: about 3 minutes here, more on a loaded machine. */
    private static final Duration SCENARIO_LIMIT = Duration.ofMinutes(20);

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() {
        var scenarios = scenarioFiles();
        var names = scenarios.stream().map(file -> file.getFileName().toString()).toList();
        var wanted = Stream.concat(Stream.of("a-"), IntStream.rangeClosed(1, 21).mapToObj(b -> String.format("b%02d-", b)))
                .toList();
        for (var prefix : wanted) {
            assertTrue(names.stream().anyMatch(name -> name.startsWith(prefix)),
                    () -> "no scenario " + prefix + "*.hcrs for SCENARIOS.md; there are " + names);
        }
        return scenarios.stream().map(file -> dynamicTest(file.getFileName().toString(), () -> passes(file)));
    }

    private void passes(Path scenario) {
        var name = scenario.getFileName().toString().replace(".hcrs", "");
        var work = folder(name);
        var junit = work.resolve("TEST-" + name + ".xml");
        var run = smoke(work, scenario.toString(), "--junit", junit.toString(), "--work-dir", work.toString());
        System.out.println(run.output());
        assertEquals(0, run.status(), () -> "hcr smoke " + name + " failed:\n" + run.output());
        assertTrue(run.output().contains("\n" + name + ": ok "), run::output);
        var xml = read(junit);
        assertTrue(xml.contains("tests=\"1\" failures=\"0\" errors=\"0\""), xml);
    }

    /**
     * A reload of the wrong module, a line that never comes and a step that does not parse:
     * each is reported with its step, what was expected, what came and the program's last lines;
     * the JUnit XML counts them, and hcr exits with status 1.
     */
    @Test
    void failuresNameTheStepWhatWasExpectedAndTheLastOutput() {
        var fixture = Hcr.fixtures().resolve("b01-function-body").toAbsolutePath().normalize();
        var scenarios = folder("failing");
        write(scenarios.resolve("one-wrong-module.hcrs"), """
                # the edit reloads work, not main
                project %s
                args 20

                start
                expect /^tick 2 value 2 delta 1$/
                apply body
                expect reload main
                """.formatted(fixture));
        write(scenarios.resolve("two-never-printed.hcrs"), """
                project %s
                args 20
                start
                expect /^tick 2 /
                expect /^tick \\d+ value 999999 / within 1s
                """.formatted(fixture));
        write(scenarios.resolve("three-bad-step.hcrs"), """
                project %s
                start
                expect relaod work
                """.formatted(fixture));
        var junit = scenarios.resolve("TEST-failing.xml");
        var run = smoke(scenarios, scenarios.toString(), "--junit", junit.toString(), "--work-dir", scenarios.toString());
        var output = run.output();

        assertEquals(1, run.status(), output);
        assertTrue(output.contains("[4/4] expect reload main ... FAILED after "), output);
        assertTrue(output.contains("      at one-wrong-module.hcrs:8: expect reload main\n"
                + "      expected: a reload of main\n"
                + "      got: reload of work (gen 2)\n"), output);
        assertTrue(Pattern.compile("      last output \\(\\d+ lines\\):\n(        \\| tick \\d+ value \\d+ delta 1\n)+").matcher(output).find(),
                output);
        assertTrue(output.contains("      at two-never-printed.hcrs:5: expect /^tick \\d+ value 999999 / within 1s\n"
                + "      expected: a line matching /^tick \\d+ value 999999 /\n"
                + "      got: nothing within 1.0 s; events since: nothing\n"), output);
        assertTrue(output.contains("three-bad-step: cannot run: three-bad-step.hcrs:3: unknown expectation 'relaod'"),
                output);
        assertTrue(output.contains("smoke: 3 of 3 FAILED: one-wrong-module, three-bad-step, two-never-printed in "),
                output);

        var xml = read(junit);
        assertTrue(xml.contains("tests=\"3\" failures=\"2\" errors=\"1\""), xml);
        assertTrue(xml.contains("<failure message=\"[4/4] expect reload main ... FAILED after "), xml);
        assertTrue(xml.contains("<error message=\"three-bad-step.hcrs:3: unknown expectation"), xml);
    }

    /** How one {@code hcr smoke} run ended, and everything it printed (stdout and stderr). */
    private record Run(int status, String output) {
    }

    private static Run smoke(Path workDir, String... args) {
        var command = Hcr.javaCommand(Stream.concat(Stream.of("smoke"), Stream.of(args)).toArray(String[]::new));
        var log = workDir.resolve("hcr-smoke.log");
        try {
            var process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(new File("/dev/null")).start();
            if (!process.waitFor(SCENARIO_LIMIT.toMinutes(), TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                return fail("hcr smoke did not end within " + SCENARIO_LIMIT.toMinutes() + " minutes:\n" + read(log));
            }
            return new Run(process.exitValue(), read(log));
        } catch (IOException e) {
            return fail("cannot run hcr smoke: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    private static List<Path> scenarioFiles() {
        var folder = Hcr.fixtures().resolve("scenarios");
        try (var files = Files.list(folder)) {
            var scenarios = files.filter(file -> file.getFileName().toString().endsWith(".hcrs")).sorted().toList();
            assertTrue(!scenarios.isEmpty(), "no scenarios in " + folder);
            return scenarios;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path folder(String name) {
        try {
            return Files.createDirectories(temp.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
