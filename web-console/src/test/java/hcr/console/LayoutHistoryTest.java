package hcr.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hcr.compiler.BuildReport;
import hcr.compiler.BuildTimings;
import hcr.compiler.Generation;
import hcr.compiler.debug.LayoutChange;
import hcr.compiler.link.FreshGlobal;
import hcr.loader.HostEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's side of issue 10's layout changes: the reload history says which globals and
 * statics changed layout, and the question is in every snapshot while it is asked and gone once
 * the program starts again.
 */
class LayoutHistoryTest {

    @TempDir
    Path dir;

    @Test
    void theReloadOfAGenerationSaysWhatChangedLayout() throws Exception {
        var state = new ConsoleState(Files.createDirectories(dir.resolve("world")), dir.resolve("world/.hcr"));
        var world = new LayoutChange(LayoutChange.Kind.GLOBAL, "world", "world", List.of("score: offset 4 → 0"));
        var tally = new LayoutChange(LayoutChange.Kind.STATIC, "world", "tally", List.of("calls: offset 0 → 4"));
        var generation = new Generation(2, dir, List.of(), List.of(),
                List.of(new FreshGlobal("world", "world", "hcr.world.g2", "changed layout (score: offset 4 → 0)")),
                List.of(), new BuildTimings(1, 1, 1, 1, 4), List.of(world, tally), CompletableFuture.completedFuture(List.of()));

        state.buildStarted();
        state.buildFinished(new BuildReport.Published(generation)); // no manifest: no module facts
        state.hostEvent(new HostEvent.ModuleLoaded("world", "reloaded", 2, "libworld.g2.so"));
        state.hostEvent(new HostEvent.GenerationLoaded(2, 1, Map.of(), Map.of("total", 90L)));

        var entry = state.snapshot().history().get(0);
        assertEquals(2, entry.generation());
        assertEquals(List.of(
                "'world' (module world) changed layout (score: offset 4 → 0): fresh storage",
                "static 'tally' (module world) changed layout (calls: offset 0 → 4): reset"), entry.layout());
    }

    @Test
    void theQuestionIsInTheSnapshotUntilTheProgramStartsAgain() throws Exception {
        var state = new ConsoleState(Files.createDirectories(dir.resolve("swarm")), dir.resolve("swarm/.hcr"));
        assertEquals(LayoutQuestionView.NONE, state.snapshot().question());

        state.layoutQuestion(3, List.of("struct particle changed layout (mass: added at offset 8); ... — restart?"));
        assertEquals(new LayoutQuestionView(true, 3,
                List.of("struct particle changed layout (mass: added at offset 8); ... — restart?")), state.snapshot().question());

        state.programStarting();
        assertEquals(LayoutQuestionView.NONE, state.snapshot().question());
    }
}
