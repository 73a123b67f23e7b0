package hcr.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A push-channel client as the page is one: connects with the token, takes frames (JSON arrays
 * of events). Keeps every event when asked to, or only counts output lines (for the load test).
 */
final class PushProbe implements WebSocket.Listener {
    private final boolean keep;
    private final StringBuilder partial = new StringBuilder();
    private final List<JsonNode> events = new ArrayList<>();
    final AtomicLong outputEvents = new AtomicLong();
    final AtomicLong frames = new AtomicLong();
    final AtomicLong lastOutputSeq = new AtomicLong();
    final AtomicLong skippedLines = new AtomicLong();
    final AtomicInteger closeCode = new AtomicInteger(-1);
    final CompletableFuture<Void> snapshotSeen = new CompletableFuture<>();
    private volatile Predicate<String> abortWhen = text -> false;
    WebSocket socket;

    private PushProbe(boolean keep) {
        this.keep = keep;
    }

    static PushProbe connect(HttpClient client, int port, String token, boolean keep) {
        var probe = new PushProbe(keep);
        probe.socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/events?token=" + token), probe).join();
        return probe;
    }

    /** Aborts the connection (no close handshake: a browser tab killed) once a frame matches. */
    void abortWhen(Predicate<String> condition) {
        abortWhen = condition;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            var frame = partial.toString();
            partial.setLength(0);
            frames.incrementAndGet();
            frame(frame);
            if (abortWhen.test(frame)) {
                webSocket.abort();
                return null;
            }
        }
        webSocket.request(1);
        return null;
    }

    private void frame(String frame) {
        if (keep) {
            try {
                var array = Json.MAPPER.readTree(frame);
                synchronized (events) {
                    array.forEach(events::add);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (frame.startsWith("[{\"type\":\"snapshot\"")) {
            snapshotSeen.complete(null);
        }
        int at = 0;
        var skippedPrefix = "{\"type\":\"skipped\",\"data\":{\"lines\":";
        while ((at = frame.indexOf(skippedPrefix, at)) >= 0) {
            at += skippedPrefix.length();
            skippedLines.addAndGet(Long.parseLong(frame.substring(at, frame.indexOf('}', at))));
        }
        at = 0;
        var outputPrefix = "{\"type\":\"output\",\"data\":{\"seq\":";
        while ((at = frame.indexOf(outputPrefix, at)) >= 0) {
            at += outputPrefix.length();
            int end = frame.indexOf(',', at);
            lastOutputSeq.set(Long.parseLong(frame.substring(at, end)));
            outputEvents.incrementAndGet();
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.set(statusCode);
        return null;
    }

    List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    List<String> types() {
        return events().stream().map(e -> e.get("type").asText()).toList();
    }
}
