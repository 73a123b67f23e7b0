package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.loader.HostEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B19: a worker thread calls a static function through the pointer saved at start-up (generation
 * 1's {@code step}), in a tight loop, while its module is reloaded over and over: no crash, every
 * result from some complete version (the program aborts with {@code torn call} otherwise).
 *
 * <p>Building a generation per reload would make this minutes long, and would test the builder.
 * So two generations are built (version 1 and version 2) and the reloads alternate between them,
 * as the compiler would announce them: {@code gen/current} is rewritten (aside, then renamed) and
 * the host asked to reload, {@value #RELOADS} times. Each reload makes the other version live
 * again: the runtime points generation 1's entry at generation 2 (its pad, then its short jump)
 * or gives it back its own code, every time, under the worker's calls (some 3 ms a reload here,
 * half a minute in all). hcr-native's C test {@code forward-thread-10000-reloads} does the same
 * without a host; this runs it through the real host, its control channel and its events.
 */
class StaticWorkerScenarioTest {

    static final int RELOADS = 10_000;

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) calls 100000\\+ version ([12])$");

    @TempDir
    Path temp;

    private static void announce(Path buildDir, int generation) throws Exception {
        var gen = buildDir.resolve("gen");
        var aside = gen.resolve(".current.tmp");
        Files.writeString(aside, generation + "\n", StandardCharsets.UTF_8);
        Files.move(aside, gen.resolve("current"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void the_worker_survives_thousands_of_reloads_of_the_function_it_calls_through_an_old_pointer()
            throws Exception {
        try (var project = FixtureProject.copy("b19-static-worker", temp)) {
            var first = project.publish();
            var second = project.apply("v2").publish();
            announce(project.buildDir(), first.number());
            try (var program = RunningProgram.start(project.hostOptions("5"), first.number())) {
                program.await(LINE, line -> line.text(2).equals("1"), 2);

                long start = System.nanoTime();
                for (int i = 0; i < RELOADS; i++) {
                    announce(project.buildDir(), i % 2 == 0 ? second.number() : first.number());
                    var result = program.host().requestReload().get(RunningProgram.WAIT.toSeconds(), TimeUnit.SECONDS);
                    assertEquals(1, result.code(), "reload " + (i + 1) + ": " + result + "; output: "
                            + tail(program));
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.println("B19: " + RELOADS + " reloads under the worker in " + millis + " ms");

                // the last reload made generation 2 live again: the ticks say version 2, and go on
                program.await(LINE, line -> line.text(2).equals("2"), 3);
                assertTrue(program.isAlive(), tail(program));
                assertTrue(program.output().stream().noneMatch(line -> line.contains("torn call")), tail(program));
                var forwarded = program.host().events().stream()
                        .filter(e -> e instanceof HostEvent.GenerationLoaded g && g.previous() > 0)
                        .map(e -> ((HostEvent.GenerationLoaded) e).counts().getOrDefault("forwarded", 0L)).toList();
                // the host keeps the recent events only: thousands of reloads' worth
                assertTrue(forwarded.size() > 1000, "generation events kept: " + forwarded.size());
                // generation 1's two functions forward to generation 2's, and back: 2 each time
                assertTrue(forwarded.stream().allMatch(n -> n == 2), forwarded.subList(0, 10).toString());
            }
        }
    }

    private static String tail(RunningProgram program) {
        var output = program.output();
        return output.subList(Math.max(0, output.size() - 10), output.size()).toString();
    }
}
