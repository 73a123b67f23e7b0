package hcr.console;

import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * The push channel's clients: each WebSocket that passed the {@link RequestGuard} gets a
 * {@link PushClient} subscribed to the {@link ConsoleState}, with its own sending thread. The
 * number of clients is capped, so threads and queues stay bounded too.
 */
final class PushChannel {
    /** Events queued per client: about 1.5 s of a program printing 10 000 lines a second. */
    static final int QUEUE_EVENTS = 16_384;
    /** Clients at once; more are refused with a close. */
    static final int MAX_CLIENTS = 64;

    private final ConsoleState state;
    private final Map<String, PushClient> clients = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicLong disconnectedSlow = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong skippedLines = new AtomicLong();
    private volatile boolean closing;

    PushChannel(ConsoleState state) {
        this.state = state;
    }

    void connected(WsConnectContext ctx) {
        if (closing || clients.size() >= MAX_CLIENTS) {
            ctx.closeSession(PushClient.CLOSE_TOO_SLOW, closing ? "the console is closing" : "too many console clients");
            return;
        }
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
        var id = ctx.sessionId();
        var client = new PushClient(new JettySocket(ctx), QUEUE_EVENTS, gone -> finished(id, gone));
        clients.put(id, client);
        served.incrementAndGet();
        client.begin(state.subscribe(client), "hcr-console-push-" + threads.incrementAndGet());
    }

    void closed(WsCloseContext ctx) {
        var client = clients.get(ctx.sessionId());
        if (client != null) {
            client.disconnected();
        }
    }

    void failed(WsContext ctx) {
        var client = clients.get(ctx.sessionId());
        if (client != null) {
            client.disconnected();
        }
    }

    private void finished(String id, PushClient client) {
        clients.remove(id, client);
        state.unsubscribe(client);
        skippedLines.addAndGet(client.skippedLines());
        if (client.endedTooSlow()) {
            disconnectedSlow.incrementAndGet();
        }
    }

    int clients() {
        return clients.size();
    }

    long served() {
        return served.get();
    }

    /** Output lines skipped for slow clients: those gone, plus those still connected. */
    long skippedLines() {
        return skippedLines.get() + clients.values().stream().mapToLong(PushClient::skippedLines).sum();
    }

    long disconnectedSlow() {
        return disconnectedSlow.get();
    }

    void close() {
        closing = true;
        clients.values().forEach(c -> c.end(PushClient.CLOSE_GOING_AWAY, "the dev server is stopping"));
    }

    /** A Jetty WebSocket session as the client's socket. */
    private static final class JettySocket implements PushClient.Socket {
        private final WsContext ctx;

        JettySocket(WsContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public CompletableFuture<Void> send(String text) {
            var done = new CompletableFuture<Void>();
            ctx.session.sendText(text, Callback.from(() -> done.complete(null), done::completeExceptionally));
            return done;
        }

        @Override
        public void close(int code, String reason) {
            ctx.closeSession(code, reason);
        }
    }
}
