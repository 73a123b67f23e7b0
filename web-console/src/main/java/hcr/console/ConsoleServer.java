package hcr.console;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The browser console of one {@code hcr dev} session: the page, the API and the push channel on
 * one port.
 *
 * <pre>{@code
 * var state = new ConsoleState(config);
 * try (var console = ConsoleServer.start(ConsoleOptions.loopback(7878), state, actions)) {
 *     System.err.println(console.announcement());   // hcr console: http://127.0.0.1:7878/?token=...
 *     ...
 * }
 * }</pre>
 */
public final class ConsoleServer implements AutoCloseable {
    /** The page's files inside the jar. */
    static final String PAGE = "/hcr/console/page";
    /** The push channel's path. */
    static final String EVENTS = "/api/events";

    private final ConsoleOptions options;
    private final SessionToken token = SessionToken.random();
    private final PushChannel push;
    private final ApiRoutes api;
    private final ExecutorService actionThread = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "hcr-console-actions");
        thread.setDaemon(true);
        return thread;
    });
    private volatile RequestGuard guard;
    private Javalin app;

    private ConsoleServer(ConsoleOptions options, ConsoleState state, ConsoleActions actions) {
        this.options = options;
        this.push = new PushChannel(state);
        this.api = new ApiRoutes(state, actions, new SourceFiles(state.projectDir()), actionThread);
    }

    /**
     * Starts listening; returns once the port is bound.
     *
     * @throws ConsoleException when the address cannot be bound (the port is taken, the host is not
     *                          an address of this machine)
     */
    public static ConsoleServer start(ConsoleOptions options, ConsoleState state, ConsoleActions actions) {
        var server = new ConsoleServer(options, state, actions);
        server.app = Javalin.create(server::configure);
        try {
            server.app.start(options.host(), options.port());
        } catch (RuntimeException e) {
            server.close();
            var cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new ConsoleException("cannot start the console on " + options.urlHost() + ":" + options.port() + ": "
                    + cause, e);
        }
        server.guard = new RequestGuard(server.token, acceptedHosts(options, server.app.port()));
        return server;
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        var threads = new QueuedThreadPool(24, 2);
        threads.setName("hcr-console-http");
        threads.setDaemon(true);
        config.jetty.threadPool = threads;
        config.http.maxRequestSize = 64 * 1024;
        config.jetty.modifyWebSocketServletFactory(sockets -> {
            // pings every 15 s (PushChannel) keep a quiet channel open; a browser gone silent is dropped after 60 s
            sockets.setIdleTimeout(Duration.ofSeconds(60));
            sockets.setMaxTextMessageSize(4096); // the page sends nothing
        });
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = PAGE;
            files.location = Location.CLASSPATH;
        });
        config.routes.before(this::check);
        config.routes.wsBeforeUpgrade(EVENTS, this::check);
        config.routes.get("/api/state", api::state);
        config.routes.get("/api/source", api::source);
        config.routes.get("/api/globals", api::globals);
        config.routes.post("/api/globals/{name}", api::writeGlobal);
        config.routes.post("/api/rebuild", api::rebuild);
        config.routes.post("/api/restart", api::restart);
        config.routes.post("/api/reload", api::reload);
        config.routes.post("/api/pause", api::pause);
        config.routes.ws(EVENTS, ws -> {
            ws.onConnect(push::connected);
            ws.onClose(push::closed);
            ws.onError(push::failed);
        });
    }

    /** The guard for every request: Host, Origin, and the token under {@code /api/}; then the response headers. */
    private void check(Context ctx) {
        var current = guard;
        if (current == null) {
            throw new HttpResponseException(503, "the console is starting");
        }
        boolean api = ctx.path().startsWith("/api/") || ctx.path().equals("/api");
        var refusal = current.refusal(ctx.header("Host"), ctx.header("Origin"), api,
                ctx.header(RequestGuard.TOKEN_HEADER), ctx.queryParam("token"));
        if (refusal.isPresent()) {
            throw new ForbiddenResponse(refusal.get());
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }

    /** The {@code Host} values this console answers to. */
    static Set<String> acceptedHosts(ConsoleOptions options, int port) {
        var names = new TreeSet<String>();
        names.add("127.0.0.1");
        names.add("localhost");
        if (options.widened() || options.host().contains(":")) {
            names.add(options.urlHost().toLowerCase(Locale.ROOT));
            names.add("[::1]");
        }
        if (options.wildcard()) {
            names.addAll(localNames());
        }
        var hosts = new TreeSet<String>();
        for (var name : names) {
            hosts.add(name + ":" + port);
            if (port == 80) {
                hosts.add(name);
            }
        }
        return hosts;
    }

    /** Every address of this machine's interfaces and its host name, as they appear in a Host header. */
    private static Set<String> localNames() {
        var names = new TreeSet<String>();
        try {
            for (var nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (var address : Collections.list(nic.getInetAddresses())) {
                    names.add(hostOf(address));
                }
            }
        } catch (SocketException e) {
            // no interfaces listed: the loopback names still work
        }
        try {
            var local = InetAddress.getLocalHost();
            names.add(local.getHostName().toLowerCase(Locale.ROOT));
            names.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            // no name: addresses only
        }
        return names;
    }

    private static String hostOf(InetAddress address) {
        var text = address.getHostAddress();
        if (address instanceof Inet6Address) {
            var zone = text.indexOf('%');
            return "[" + (zone < 0 ? text : text.substring(0, zone)) + "]";
        }
        return text;
    }

    /** The port the console listens on. */
    public int port() {
        return app.port();
    }

    /** The address to open, token included: {@code http://127.0.0.1:<port>/?token=<token>}. */
    public String url() {
        var host = options.widened() && !options.wildcard() ? options.urlHost() : ConsoleOptions.LOOPBACK;
        return "http://" + host + ":" + port() + "/?token=" + token.value();
    }

    /** The one line {@code hcr dev} prints on stderr at start. */
    public String announcement() {
        return "hcr console: " + url();
    }

    /** What the user should be told about the bind address, if anything. */
    public Optional<String> warning() {
        return options.warning();
    }

    String token() {
        return token.value();
    }

    PushChannel push() {
        return push;
    }

    /** Stops listening and disconnects every browser. */
    @Override
    public void close() {
        push.close();
        if (app != null) {
            app.stop();
        }
        actionThread.shutdownNow();
    }
}
