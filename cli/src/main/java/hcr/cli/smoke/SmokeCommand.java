package hcr.cli.smoke;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hcr smoke <scenario>...}: run reload scenarios through the dev pipeline and report. */
@Command(name = "smoke", mixinStandardHelpOptions = true,
        description = {"Run reload scenarios (.hcrs files, docs/smoke.md) as hcr dev runs them.",
                "One line per step; JUnit XML for CI; exit status 1 if a scenario fails."})
public final class SmokeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<scenario>",
            description = "Scenario files, or folders whose *" + Scenario.EXTENSION + " files are run in name order.")
    List<Path> scenarios = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", defaultValue = "TEST-hcr-smoke.xml",
            description = "Where the JUnit XML report goes. Default: ${DEFAULT-VALUE}.")
    Path junit;

    @Option(names = "--work-dir", paramLabel = "D",
            description = "Where the projects are copied to run (default: the system's temporary folder).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the project copies of scenarios that pass, too.")
    boolean keep;

    @Option(names = {"-v", "--verbose"}, description = "Also show the program's output and hcr's events as they come.")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        List<Path> files;
        try {
            files = scenarioFiles();
        } catch (IOException e) {
            System.err.println("hcr: " + e.getMessage());
            return 2;
        }
        var console = new Console(System.out, verbose);
        var work = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
        var started = Instant.now();
        long begin = System.nanoTime();
        var results = new ArrayList<ScenarioResult>();
        for (var file : files) {
            results.add(ScenarioRun.run(file, work, console, keep));
        }
        var failed = results.stream().filter(result -> !result.passed()).map(ScenarioResult::name).toList();
        console.line((failed.isEmpty() ? "smoke: all " + results.size() + " passed"
                : "smoke: " + failed.size() + " of " + results.size() + " FAILED: " + String.join(", ", failed))
                + " in " + Expectations.seconds(Duration.ofNanos(System.nanoTime() - begin)));
        try {
            JUnitReport.write(junit, results, started);
        } catch (IOException e) {
            System.err.println("hcr: cannot write the JUnit report " + junit + ": " + e.getMessage());
            return 1;
        }
        return failed.isEmpty() ? 0 : 1;
    }

    private List<Path> scenarioFiles() throws IOException {
        var files = new ArrayList<Path>();
        for (var path : scenarios) {
            if (Files.isDirectory(path)) {
                try (var list = Files.list(path)) {
                    var found = list.filter(f -> f.getFileName().toString().endsWith(Scenario.EXTENSION)).sorted().toList();
                    if (found.isEmpty()) {
                        throw new IOException("no *" + Scenario.EXTENSION + " files in " + path);
                    }
                    files.addAll(found);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IOException("no scenario file or folder " + path);
            }
        }
        return files;
    }
}
