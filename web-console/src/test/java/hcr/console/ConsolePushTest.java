package hcr.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.loader.HostEvent;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push channel: a snapshot first, then every event in order; slow clients cut loose, never waited for. */
class ConsolePushTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aClientGetsTheSnapshotThenEveryEventInOrder() throws Exception {
        var state = new ConsoleState(dir, dir.resolve(".hcr"));
        var now = Instant.now();
        state.hostEvent(new HostEvent.Output(HostEvent.Stream.STDOUT, "before", now));
        try (var console = ConsoleServer.start(ConsoleOptions.loopback(0), state, new FakeActions())) {
            var http = HttpClient.newHttpClient();
            var probe = PushProbe.connect(http, console.port(), console.token(), true);
            probe.snapshotSeen.get(30, TimeUnit.SECONDS);
            for (int i = 1; i <= 500; i++) {
                state.hostEvent(new HostEvent.Output(HostEvent.Stream.STDOUT, "line " + i, now));
            }
            state.changesSeen(List.of(dir.resolve("sim.c")), System.nanoTime(), System.nanoTime());
            state.hostEvent(new HostEvent.Started(4242, 1));
            Eventually.until(WAIT, probe::types, t -> t.contains("program"));

            var events = probe.events();
            assertEquals("snapshot", events.get(0).get("type").asText());
            assertEquals("before", events.get(0).get("data").get("output").get(0).get("text").asText());
            var lines = events.stream().filter(e -> e.get("type").asText().equals("output"))
                    .map(e -> e.get("data").get("text").asText()).toList();
            var expected = new ArrayList<String>();
            for (int i = 1; i <= 500; i++) {
                expected.add("line " + i);
            }
            assertEquals(expected, lines, "nothing missed, nothing twice, in order");
            var module = events.stream().filter(e -> e.get("type").asText().equals("module")).findFirst().orElseThrow();
            assertEquals("sim", module.get("data").get("id").asText());
            assertEquals("changed", module.get("data").get("state").asText());
            var program = events.get(events.size() - 1);
            assertEquals(4242, program.get("data").get("pid").asLong());
            assertTrue(probe.frames.get() < 500, "events travel many to a frame: " + probe.frames.get() + " frames");
            probe.socket.sendClose(1000, "bye").join();
            Eventually.until(WAIT, () -> console.push().clients(), n -> n == 0);
        }
    }

    /** A socket that never finishes a send: a browser that stopped reading. */
    private static class StuckSocket implements PushClient.Socket {
        final AtomicInteger sends = new AtomicInteger();
        final List<String> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletableFuture<Void> send(String text) {
            sends.incrementAndGet();
            return new CompletableFuture<>();
        }

        @Override
        public void close(int code, String reason) {
            closed.complete(code);
        }
    }

    @Test
    void aClientThatStopsReadingSkipsOutputThenIsDisconnectedAndNeverBlocksTheProducer() throws Exception {
        var state = new ConsoleState(dir, dir.resolve(".hcr"));
        var socket = new StuckSocket();
        var gone = new CompletableFuture<PushClient>();
        var client = new PushClient(socket, 1000, 500, gone::complete);
        client.begin(state.subscribe(client), "test-push");
        var now = Instant.now();
        long started = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            state.hostEvent(new HostEvent.Output(HostEvent.Stream.STDOUT, "flood " + i, now));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[push] 100000 output lines offered to a stuck client in " + millis + " ms; it skipped "
                + client.skippedLines());
        assertFalse(client.isClosed(), "output alone only gets skipped");
        assertTrue(client.skippedLines() >= 99_000, "skipped " + client.skippedLines());

        for (int i = 0; i < 100; i++) {
            state.message("state change " + i); // state events take the reserve, and then the client is cut
        }
        assertTrue(client.isClosed(), "the stuck client was ended");
        assertTrue(client.endedTooSlow());
        assertTrue(socket.sends.get() <= 1, "at most the snapshot was ever sent: " + socket.sends.get());
        // the client's thread waits for its frame in flight, then closes the socket with 1013
        assertEquals(PushClient.CLOSE_TOO_SLOW, socket.closed.get(20, TimeUnit.SECONDS));
        assertEquals(client, gone.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aClientThatCatchesUpIsToldHowManyLinesItSkipped() throws Exception {
        var state = new ConsoleState(dir, dir.resolve(".hcr"));
        var socket = new StuckSocket() {
            @Override
            public CompletableFuture<Void> send(String text) {
                frames.add(text);
                return CompletableFuture.completedFuture(null);
            }
        };
        var client = new PushClient(socket, 160, 500, c -> { });
        // not begun: nothing is sent while the queue fills, as with a browser that stalls
        var now = Instant.now();
        for (int i = 1; i <= 1000; i++) {
            client.accept(Json.event("output", new OutputLine(i, "stdout", "line " + i, 0)));
        }
        assertEquals(1000 - 150, client.skippedLines(), "150 queued, 10 places kept for state events");
        client.begin(state.snapshot(), "test-push");
        Eventually.until(Duration.ofSeconds(10), () -> String.join("", socket.frames), f -> f.contains("line 150\""));
        client.accept(Json.event("output", new OutputLine(1001, "stdout", "line 1001", 0)));
        var all = Eventually.until(Duration.ofSeconds(10), () -> String.join("", socket.frames), f -> f.contains("line 1001"));
        assertTrue(all.contains("{\"type\":\"skipped\",\"data\":{\"lines\":850}}"), all.substring(all.length() - 300));
        assertTrue(all.indexOf("skipped") < all.indexOf("line 1001"), "the gap is reported where it was");
        client.end(PushClient.CLOSE_GOING_AWAY, "done");
    }
}
