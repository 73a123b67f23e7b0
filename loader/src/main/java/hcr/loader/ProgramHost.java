package hcr.loader;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A program running in a host process of its own, seen from the dev server (or a test).
 *
 * <pre>{@code
 * try (var host = ProgramHost.start(HostOptions.of(project.resolve(".hcr")))) {
 *     host.awaitOutput("tick 1", Duration.ofSeconds(30));
 *     // edit, rebuild
 *     host.requestReload().get(30, SECONDS);
 *     host.awaitOutput("value 42", Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Everything the host reports arrives as {@link HostEvent}s, in order, on one thread per
 * host; it is also kept (bounded) for {@link #awaitOutput}, {@link #awaitEvent} and
 * {@link #outputLines}. Every host ends with one {@link HostEvent.Ending}, after all output.
 * The program's globals are read and written through {@link #readGlobals} and
 * {@link #writeGlobal}; those answers are not events.
 */
public final class ProgramHost implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

    private final HostOptions options;
    private final Process process;
    private final Path privateDir;
    private final ControlChannel control;
    private final EventFeed feed;
    private final Transcript transcript;
    private final EventDispatcher dispatcher;
    private final Autopsy autopsy;
    private final List<Thread> pumps;
    private final ConcurrentLinkedQueue<CompletableFuture<HostEvent.ReloadResult>> pendingReloads =
            new ConcurrentLinkedQueue<>();
    private final EventParser parser;
    private final PendingRequests requests = new PendingRequests();
    private volatile boolean stopping;
    private volatile Integer mainStatus;
    private volatile HostEvent.Started started;

    ProgramHost(HostOptions options, Process process, Path privateDir, ControlChannel control,
                EventFeed feed, EventParser parser, List<Thread> pumps) {
        this.options = options;
        this.process = process;
        this.privateDir = privateDir;
        this.control = control;
        this.feed = feed;
        this.transcript = feed.transcript();
        this.dispatcher = feed.dispatcher();
        this.parser = parser;
        this.autopsy = new Autopsy(options.hostDir());
        this.pumps = List.copyOf(pumps);
    }

    /** Starts reading the host's messages and watching for its end. */
    ProgramHost begin() {
        var reader = new Thread(this::read, "hcr-host-control-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        var reaper = new Thread(() -> reap(reader), "hcr-host-reaper-" + process.pid());
        reaper.setDaemon(true);
        reaper.start();
        return this;
    }

    /** Starts the program; returns once its host JVM has connected. */
    public static ProgramHost start(HostOptions options) {
        return start(options, event -> { });
    }

    /** Starts the program with {@code listener} subscribed before the first event. */
    public static ProgramHost start(HostOptions options, Consumer<? super HostEvent> listener) {
        return new HostLauncher(options).start(listener);
    }

    /**
     * Asks the host to apply the newest published generation. The future completes with the
     * host's answer, or exceptionally with a {@link HostException} if the program ends first.
     */
    public CompletableFuture<HostEvent.ReloadResult> requestReload() {
        var result = new CompletableFuture<HostEvent.ReloadResult>();
        synchronized (pendingReloads) {
            if (transcript.ending().isPresent()) {
                result.completeExceptionally(new HostException("the program has ended ("
                        + transcript.ending().get() + "): nothing to reload"));
                return result;
            }
            pendingReloads.add(result);
            try {
                control.send("{\"cmd\":\"reload\"}");
            } catch (IOException e) {
                pendingReloads.remove(result);
                result.completeExceptionally(new HostException("cannot send the reload request to host "
                        + pid() + ": " + e.getMessage(), e));
            }
        }
        return result;
    }

    /**
     * Reads every global and writable static of the loaded generation with its current bytes (the
     * first 256 of a larger object). The future fails with a {@link GlobalAccessException} when the host cannot
     * list them (the loaded generation's manifest is gone), with a {@link HostException} when the
     * program has ended. It completes on a pool thread, so what a caller chains to it (reading
     * types, say) never holds up this host's events.
     */
    public CompletableFuture<GlobalsSnapshot> readGlobals() {
        return ask("read its globals", id -> new JsonLine().put("cmd", "globals").put("id", id))
                .thenApplyAsync(answer -> GlobalsAnswers.snapshot(answer, options.buildDir()));
    }

    /** {@link #writeGlobal(String, String, byte[])} for the one global named {@code name}, whichever module defines it. */
    public CompletableFuture<GlobalBytes> writeGlobal(String name, byte[] value) {
        return writeGlobal("", name, value);
    }

    /**
     * Writes {@code value} into global {@code name} of {@code module} (empty: whichever module
     * defines it) in the running program, exactly its size in bytes, little-endian. The future
     * completes with the global as read back after the write, or fails with a
     * {@link GlobalAccessException} naming the global when the host refuses: no such global,
     * {@code value} not its size, a read-only ({@code const}) or thread-local global; with a
     * {@link HostException} when the program has ended. Completes on a pool thread.
     */
    public CompletableFuture<GlobalBytes> writeGlobal(String module, String name, byte[] value) {
        Objects.requireNonNull(name, "name");
        var hex = HexFormat.of().formatHex(value);
        return ask("write global '" + name + "'", id -> new JsonLine().put("cmd", "write-global").put("id", id)
                .put("module", module == null ? "" : module).put("name", name).put("hex", hex))
                .thenApplyAsync(GlobalsAnswers::written);
    }

    /**
     * Writes {@code value} into the static {@code name} ({@code total}, {@code calls.0}: its symbol,
     * as {@link GlobalsSnapshot#statics()} names it) of {@code module} in the running program: the
     * storage the loaded code uses. Exactly its size in bytes; completes and fails as
     * {@link #writeGlobal(String, String, byte[])} does.
     */
    public CompletableFuture<GlobalBytes> writeStatic(String module, String name, byte[] value) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        var hex = HexFormat.of().formatHex(value);
        return ask("write static '" + name + "'", id -> new JsonLine().put("cmd", "write-global").put("id", id)
                .put("kind", "static").put("module", module).put("name", name).put("hex", hex))
                .thenApplyAsync(GlobalsAnswers::written);
    }

    /** Sends a request carrying a new id; the future completes with the answer that echoes it. */
    private CompletableFuture<JsonNode> ask(String what, LongFunction<JsonLine> request) {
        var answer = new CompletableFuture<JsonNode>();
        synchronized (pendingReloads) {
            if (transcript.ending().isPresent()) {
                answer.completeExceptionally(new HostException("the program has ended (" + transcript.ending().get()
                        + "): cannot " + what));
                return answer;
            }
            long id = requests.open(answer);
            try {
                control.send(request.apply(id).toString());
            } catch (IOException e) {
                requests.cancel(id);
                answer.completeExceptionally(new HostException("cannot send the request to " + what + " to host "
                        + pid() + ": " + e.getMessage(), e));
            }
        }
        return answer;
    }

    /** Delivers every later event to {@code listener}, on this host's event thread. */
    public void subscribe(Consumer<? super HostEvent> listener) {
        dispatcher.subscribe(listener);
    }

    public void unsubscribe(Consumer<? super HostEvent> listener) {
        dispatcher.unsubscribe(listener);
    }

    /**
     * Waits for an output line (stdout or stderr) in which {@code pattern} is found, looking only
     * at lines after the one the previous call returned. Fails at once if the program ends
     * without printing one; the failure quotes the last output lines.
     */
    public String awaitOutput(Pattern pattern, Duration timeout) {
        return transcript.awaitOutput(pattern, timeout);
    }

    /** {@link #awaitOutput(Pattern, Duration)} with {@code regex} compiled. */
    public String awaitOutput(String regex, Duration timeout) {
        return awaitOutput(Pattern.compile(regex), timeout);
    }

    /** Waits for the next event of {@code type} after the one the previous call returned. */
    public <E extends HostEvent> E awaitEvent(Class<E> type, Duration timeout) {
        return transcript.awaitEvent(type, event -> true, timeout);
    }

    /** Waits for the next event of {@code type} that satisfies {@code condition}. */
    public <E extends HostEvent> E awaitEvent(Class<E> type, Predicate<? super E> condition, Duration timeout) {
        return transcript.awaitEvent(type, condition, timeout);
    }

    /** Waits until the program has ended, and says how. */
    public HostEvent.Ending awaitEnding(Duration timeout) {
        return transcript.awaitEnding(timeout);
    }

    /** How the program ended; empty while it runs. */
    public Optional<HostEvent.Ending> ending() {
        return transcript.ending();
    }

    /** The program's recent output lines, stdout and stderr interleaved as they arrived. */
    public List<String> outputLines() {
        return transcript.outputLines();
    }

    /** The recent events other than output, in arrival order. */
    public List<HostEvent> events() {
        return transcript.events();
    }

    /** The host's {@code started} message, once it came. */
    public Optional<HostEvent.Started> started() {
        return Optional.ofNullable(started);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public HostOptions options() {
        return options;
    }

    /**
     * Ends the program: the {@code stop} command, then SIGTERM, then SIGKILL, each after a grace
     * period. Returns once the process is gone and its ending delivered; idempotent.
     */
    public void stop() {
        stopping = true;
        try {
            if (process.isAlive()) {
                try {
                    control.send("{\"cmd\":\"stop\"}");
                } catch (IOException e) {
                    // the host is going anyway
                }
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroy();
                    if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.destroyForcibly().waitFor();
                    }
                }
            }
            dispatcher.awaitDelivered(DRAIN_GRACE.toMillis() * 3);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            removePrivateDir();
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "ProgramHost[pid " + process.pid() + ", " + options.buildDir() + "]";
    }

    private void publish(HostEvent event) {
        feed.accept(event);
    }

    /** The private folder holding the control socket; removed when the host has ended. */
    Path privateDir() {
        return privateDir;
    }

    /** Reads the host's lines until it closes the socket. */
    private void read() {
        try {
            String line;
            while ((line = control.readLine()) != null) {
                var message = parser.tree(line);
                if (message != null && requests.answer(message)) {
                    continue;
                }
                (message == null ? parser.parse(line) : parser.parse(message, line)).ifPresent(this::received);
            }
        } catch (IOException e) {
            // closed by the reaper, or the host died mid-line
        }
    }

    private void received(HostEvent event) {
        if (event instanceof HostEvent.Exited exited) {
            // reported as the ending once the process is gone and its output drained
            mainStatus = exited.status();
            return;
        }
        if (event instanceof HostEvent.Started start) {
            started = start;
        }
        publish(event);
        if (event instanceof HostEvent.ReloadResult result) {
            var future = pendingReloads.poll();
            if (future != null) {
                future.complete(result);
            }
        }
    }

    /** Waits for the process to end and its pipes and socket to drain, then reports the ending. */
    private void reap(Thread reader) {
        int exitCode;
        try {
            exitCode = process.waitFor();
            for (var pump : pumps) {
                pump.join(DRAIN_GRACE.toMillis());
            }
            reader.join(DRAIN_GRACE.toMillis());
        } catch (InterruptedException e) {
            return;
        }
        try {
            control.close();
        } catch (IOException e) {
            // nothing left to read
        }
        var ending = autopsy.examine(process.pid(), exitCode, mainStatus, stopping,
                transcript.lastLines(60));
        synchronized (pendingReloads) {
            publish(ending);
        }
        CompletableFuture<HostEvent.ReloadResult> future;
        while ((future = pendingReloads.poll()) != null) {
            future.completeExceptionally(new HostException("the program ended (" + ending
                    + ") before answering the reload request"));
        }
        requests.failAll(() -> new HostException("the program ended (" + ending + ") before answering"));
        removePrivateDir();
    }

    private void removePrivateDir() {
        try {
            Files.deleteIfExists(privateDir.resolve("control.sock"));
            Files.deleteIfExists(privateDir);
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
