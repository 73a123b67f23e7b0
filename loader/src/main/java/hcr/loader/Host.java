package hcr.loader;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The host process's work: load the runtime, initialise the program, run its main on a thread of
 * its own and answer control commands on another until the program or the dev server ends.
 * Commands run one at a time on that control thread, so reading a global never overlaps a reload
 * the host applies.
 */
final class Host {

    /** Exit status of a host that could not start the program (the reason went over the socket). */
    static final int START_FAILED = 70;

    private static final long PROGRAM_STACK_BYTES = 64L << 20;
    /** Reloads run the program's before/after handlers on the control thread. */
    private static final long CONTROL_STACK_BYTES = 16L << 20;

    private final HostArguments arguments;
    private final ControlChannel control;
    private final Libc libc;
    private final LibraryCache cache;

    /** Kept reachable for the life of the process: the runtime holds on to all three. */
    private final Libhcr.Observer observer = this::forward;
    private Memory buildDir;
    private StringArray argv;
    private Libhcr runtime;
    /** The globals commands' state; used on the control thread only. */
    private HostGlobals globals;

    Host(HostArguments arguments, ControlChannel control, Libc libc, LibraryCache cache) {
        this.arguments = arguments;
        this.control = control;
        this.libc = libc;
        this.cache = cache;
    }

    /**
     * Starts the program and the control thread, and returns; the process ends when main
     * returns, on {@code stop}, or when the dev server goes away.
     */
    void run() {
        // stdout is a pipe: give the program line buffering, as on a terminal
        libc.setvbuf(Libc.stream("stdout"), null, Libc.LINE_BUFFERED, 0);
        if (!start()) {
            libc._exit(START_FAILED);
        }
        new Thread(null, this::runMain, "program-main", PROGRAM_STACK_BYTES).start();
        new Thread(null, this::serve, "hcr-control", CONTROL_STACK_BYTES).start();
    }

    private boolean start() {
        int code;
        String error;
        try {
            runtime = Libhcr.load(cache.libhcr());
            runtime.hcrSetObserver(observer);
            var argvText = arguments.argv();
            buildDir = utf8(arguments.buildDir().toString());
            argv = new StringArray(argvText, "UTF-8");
            code = runtime.hcrInit(buildDir, argvText.length, argv);
            error = code < 0 ? runtime.hcrLastError() : "";
        } catch (RuntimeException | LinkageError e) {
            code = -1;
            error = "cannot load the hcr runtime: " + e.getMessage();
        }
        if (code < 0) {
            send(new JsonLine().put("type", "start-failed").put("code", code).put("error", error));
            return false;
        }
        send(new JsonLine().put("type", "started")
                .put("pid", ProcessHandle.current().pid())
                .put("generation", runtime.hcrGeneration()));
        return true;
    }

    private void runMain() {
        int status;
        try {
            status = runtime.hcrRunMain();
        } catch (RuntimeException | LinkageError e) {
            send(new JsonLine().put("type", "error").put("code", -1).put("message", "hcrRunMain: " + e));
            status = START_FAILED;
        }
        send(new JsonLine().put("type", "exited").put("status", status));
        libc.exit(status);
    }

    private void serve() {
        while (true) {
            String line;
            try {
                line = control.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                // the dev server is gone: leave no orphan behind
                libc._exit(1);
                return;
            }
            command(line);
        }
    }

    private void command(String line) {
        Map<String, String> members;
        try {
            members = JsonLine.parse(line);
        } catch (IllegalArgumentException e) {
            send(new JsonLine().put("type", "error").put("code", -2).put("message", "host: " + e.getMessage()));
            return;
        }
        switch (members.getOrDefault("cmd", "")) {
            case "reload" -> reload();
            case "globals" -> send(globals().list(id(members)));
            case "write-global" -> send(globals().write(id(members), members.getOrDefault("kind", "global"),
                    members.getOrDefault("module", ""),
                    members.getOrDefault("name", ""), members.getOrDefault("hex", "")));
            case "stop" -> {
                libc.fflush(Libc.stream("stdout"));
                libc.fflush(Libc.stream("stderr"));
                libc._exit(0);
            }
            default -> send(new JsonLine().put("type", "error").put("code", -2)
                    .put("message", "host: unknown control command: " + line));
        }
    }

    private HostGlobals globals() {
        if (globals == null) {
            globals = new HostGlobals(arguments.buildDir(), runtime::hcrGeneration,
                    (module, name) -> Pointer.nativeValue(runtime.hcrStaticStorage(module, name)));
        }
        return globals;
    }

    /** A request's id, echoed in its answer so the dev server can match the two. */
    private static long id(Map<String, String> members) {
        try {
            return Long.parseLong(members.getOrDefault("id", "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void reload() {
        var result = new JsonLine().put("type", "reload-result");
        try {
            if (runtime.hcrReloadPointSeen() != 0) {
                send(result.put("code", 0).put("error", "").put("deferred", true));
                return;
            }
            int code = runtime.hcrPerformCodeReload();
            send(result.put("code", code).put("error", code < 0 ? runtime.hcrLastError() : "").put("deferred", false));
        } catch (RuntimeException | LinkageError e) {
            send(result.put("code", -1).put("error", "host: " + e.getMessage()).put("deferred", false));
        }
    }

    /** The runtime's observer: each event goes to the dev server verbatim, one line each. */
    private void forward(Pointer json) {
        send(json.getString(0, "UTF-8"));
    }

    private void send(Object message) {
        try {
            control.send(message.toString());
        } catch (IOException e) {
            libc._exit(1);
        }
    }

    private static Memory utf8(String text) {
        var bytes = text.getBytes(StandardCharsets.UTF_8);
        var memory = new Memory(bytes.length + 1L);
        memory.write(0, bytes, 0, bytes.length);
        memory.setByte(bytes.length, (byte) 0);
        return memory;
    }
}
