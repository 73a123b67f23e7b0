package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B20: one function reloaded 50 times with a pointer kept from every generation: every pointer
 * runs the newest code. Each generation rewrites the number chain.c's static {@code step()}
 * returns; main.c keeps the address of every version's {@code step()} and prints whether all of
 * them gave the newest number. Generation 1's entry is re-pointed at every reload, so each old
 * pointer reaches the newest version in one jump, not through a chain of versions.
 *
 * <p>A tick that runs while a reload writes the old entries may see some pointers already at the
 * new version and others not yet (the entries are re-pointed one by one, each atomically): its
 * line may say {@code same no}. Every tick that starts after the reload has answered must say
 * {@code yes}.
 */
class PointerChainScenarioTest {

    private static final int RELOADS = 50;
    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) pointers (\\d+) value (\\d+) same (yes|no)$");

    @TempDir
    Path temp;

    @Test
    void every_saved_pointer_runs_the_newest_version() throws Exception {
        try (var project = FixtureProject.copy("b20-pointer-chain", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("10"), first.number())) {
                program.await(LINE, line -> line.number(2) == 1 && line.number(3) == 0, 2);
                var source = project.original(null, "chain.c");
                var inFlux = new ArrayList<int[]>(); // output lines a reload's writes may have overlapped
                for (int i = 1; i <= RELOADS; i++) {
                    var generation = project.write("chain.c", source.replace("return 0;", "return " + i + ";"))
                            .publish();
                    int requested = program.output().size();
                    var reload = program.reload(generation);
                    inFlux.add(new int[] {requested, program.output().size()}); // and the line after
                    assertEquals(Map.of("chain", "reloaded"), reload.moduleActions());
                    // step and chain_pointer of every older version the program loaded
                    assertEquals(2L * i, reload.count("forwarded"), "reload " + i);
                    int version = i;
                    var line = program.await(LINE, l -> l.number(2) == version + 1);
                    assertEquals(version, line.number(3), line.text());
                }
                program.await(LINE, line -> true, 3);
                var output = program.output();
                var settledNo = new ArrayList<String>();
                for (int index = 0; index < output.size(); index++) {
                    int at = index;
                    boolean during = inFlux.stream().anyMatch(w -> at >= w[0] && at <= w[1]);
                    if (!during && LINE.parse(output.get(index)).map(l -> l.text(4).equals("no")).orElse(false)) {
                        settledNo.add(output.get(index));
                    }
                }
                assertEquals(List.of(), settledNo, "a pointer ran an old version after its reload had answered");
                var lines = LINE.select(output);
                var last = lines.get(lines.size() - 1);
                assertEquals(RELOADS + 1, last.number(2), last.text());
                assertEquals(RELOADS, last.number(3), last.text());
            }
        }
    }
}
