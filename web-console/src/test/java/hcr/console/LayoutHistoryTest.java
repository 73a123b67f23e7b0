package hcr.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.BuildReport;
import hcr.compiler.BuildTimings;
import hcr.compiler.Generation;
import hcr.compiler.debug.LayoutChange;
import hcr.compiler.link.FreshGlobal;
import hcr.loader.HostEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's side of issue 10's layout changes: the reload history says which globals and
 * statics changed layout, and which struct and union types, whenever their comparison ends (before
 * the generation loads, or after, when the entry is amended in place); the question is in every
 * snapshot while it is asked and gone once the program starts again.
 */
class LayoutHistoryTest {
    private static final String PARTICLE = "struct particle changed layout (vel: offset 8 → 16, mass: added at offset 8)";
    private static final LayoutChange PARTICLE_CHANGE = new LayoutChange(LayoutChange.Kind.TYPE, "swarm",
            "struct particle", List.of("vel: offset 8 → 16", "mass: added at offset 8"));
    private static final LayoutChange CELL_CHANGE = new LayoutChange(LayoutChange.Kind.TYPE, "swarm",
            "union cell", List.of("f: float → double"));
    private static final LayoutChange TALLY_CHANGE = new LayoutChange(LayoutChange.Kind.STATIC, "swarm", "tally",
            List.of("calls: offset 0 → 4"));
    private static final String TALLY = "static 'tally' (module swarm) changed layout (calls: offset 0 → 4): reset";

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
    void typesKnownBeforeTheGenerationLoadsAreInItsEntryAfterItsGlobalsAndStatics() throws Exception {
        var state = swarm();
        state.hostEvent(new HostEvent.GenerationLoaded(1, 0, Map.of(), Map.of()));
        publish(state, generation(2, List.of(TALLY_CHANGE), CompletableFuture.completedFuture(List.of(PARTICLE_CHANGE))));
        state.hostEvent(new HostEvent.GenerationLoaded(2, 1, Map.of(), Map.of()));

        var history = state.snapshot().history();
        assertEquals(List.of(2, 1), history.stream().map(ReloadEntry::generation).toList(), "one entry per load");
        assertEquals(List.of(TALLY, PARTICLE), history.get(0).layout());
        assertEquals(List.of(), history.get(1).layout());
    }

    @Test
    void typesKnownAfterTheReloadAmendTheEntryInPlaceForSnapshotsAndSubscribers() throws Exception {
        var state = swarm();
        var events = Collections.synchronizedList(new ArrayList<String>());
        state.subscribe(events::add);
        state.hostEvent(new HostEvent.GenerationLoaded(1, 0, Map.of(), Map.of()));
        var types = new CompletableFuture<List<LayoutChange>>();
        publish(state, generation(2, List.of(TALLY_CHANGE), types));
        state.hostEvent(new HostEvent.GenerationLoaded(2, 1, Map.of(), Map.of()));
        var before = state.snapshot().history().get(0);
        assertEquals(List.of(TALLY), before.layout(), "not compared yet");

        types.complete(List.of(PARTICLE_CHANGE, CELL_CHANGE)); // the compiler's thread, in hcr dev
        var history = state.snapshot().history();
        assertEquals(List.of(2, 1), history.stream().map(ReloadEntry::generation).toList(), "amended, not added");
        assertEquals(before.withLayout(List.of(TALLY, PARTICLE, "union cell changed layout (f: float → double)")),
                history.get(0), "the same entry (seq, times, counts) with the types");

        var amendments = events(events, "history-amended");
        assertEquals(1, amendments.size(), events.toString());
        assertEquals(before.seq(), amendments.get(0).get("seq").asLong());
        assertEquals(PARTICLE, amendments.get(0).get("layout").get(1).asText());
        assertEquals(2, events(events, "history").size(), "the start and the reload, each once");
        assertEquals(history, state.subscribe(event -> { }).history(), "a page connecting now gets the amended entry");
    }

    @Test
    void theStartThatRestartedForTheTypesListsThem() throws Exception {
        var state = swarm();
        state.hostEvent(new HostEvent.GenerationLoaded(1, 0, Map.of(), Map.of()));
        // --restart-on-layout-change: the dev loop waits for the comparison, then starts the program again
        publish(state, generation(2, List.of(), CompletableFuture.completedFuture(List.of(PARTICLE_CHANGE))));
        state.programStarting();
        state.hostEvent(new HostEvent.Started(4242, 2));
        state.hostEvent(new HostEvent.GenerationLoaded(2, 0, Map.of(), Map.of()));

        var entry = state.snapshot().history().get(0);
        assertEquals(List.of("start", 2, List.of(PARTICLE)), List.of(entry.kind(), entry.generation(), entry.layout()));
    }

    @Test
    void aReloadThatSkippedAGenerationListsWhatChangedLayoutInItWheneverItIsKnown() throws Exception {
        var state = swarm();
        state.hostEvent(new HostEvent.GenerationLoaded(1, 0, Map.of(), Map.of()));
        var second = new CompletableFuture<List<LayoutChange>>();
        var third = new CompletableFuture<List<LayoutChange>>();
        publish(state, generation(2, List.of(TALLY_CHANGE), second)); // reloads paused: 2 and 3 wait
        publish(state, generation(3, List.of(), third));
        third.complete(List.of(CELL_CHANGE));
        state.hostEvent(new HostEvent.GenerationLoaded(3, 1, Map.of(), Map.of()));
        assertEquals(List.of(TALLY, "union cell changed layout (f: float → double)"),
                state.snapshot().history().get(0).layout(), "gen 2's static came in with gen 3");

        second.complete(List.of(PARTICLE_CHANGE));
        var history = state.snapshot().history();
        assertEquals(List.of(3, 1), history.stream().map(ReloadEntry::generation).toList());
        assertEquals(List.of(TALLY, "union cell changed layout (f: float → double)", PARTICLE), history.get(0).layout(),
                "gen 2's types amend the reload that brought gen 2's code in");
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

    private ConsoleState swarm() throws IOException {
        return new ConsoleState(Files.createDirectories(dir.resolve("swarm")), dir.resolve("swarm/.hcr"));
    }

    private Generation generation(int number, List<LayoutChange> statics, CompletableFuture<List<LayoutChange>> types) {
        return new Generation(number, dir, List.of(), List.of(), List.of(), List.of(), new BuildTimings(1, 1, 1, 1, 4),
                statics, types);
    }

    /** As the dev session reports a build that published {@code generation} (no manifest: no module facts). */
    private static void publish(ConsoleState state, Generation generation) {
        state.buildStarted();
        state.buildFinished(new BuildReport.Published(generation));
    }

    /** The data of the events of {@code type} among {@code events} (push channel JSON). */
    private static List<JsonNode> events(List<String> events, String type) throws IOException {
        var found = new ArrayList<JsonNode>();
        for (var event : List.copyOf(events)) {
            var node = Json.MAPPER.readTree(event);
            if (node.get("type").asText().equals(type)) {
                found.add(node.get("data"));
            }
        }
        assertTrue(found.stream().allMatch(JsonNode::isObject), found.toString());
        return found;
    }
}
