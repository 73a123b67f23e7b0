package hcr.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Starts a host: a private folder for the control socket, the host JVM with options that make it
 * start fast and die like a C program, pumps that drain its output from the first byte, and the
 * wait for its connection.
 */
final class HostLauncher {

    /** Options that make the host JVM start fast and die like a C program. */
    static final List<String> JVM_DEFAULTS = List.of(
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData",
            // SIGINT, SIGTERM, SIGHUP and SIGQUIT keep their C meaning (and the program's own handlers)
            "-Xrs",
            // a crash writes its log (hs_err) and exits; no core file. (The JVM prints its crash banner
            // on stdout whatever -XX:+DisplayVMOutputToStderr says.)
            "-XX:-CreateCoredumpOnCrash");

    private static final long DRAIN_MILLIS = 5_000;

    private final HostOptions options;

    HostLauncher(HostOptions options) {
        this.options = options;
    }

    ProgramHost start(Consumer<? super HostEvent> listener) {
        Path privateDir;
        try {
            Files.createDirectories(options.hostDir());
            privateDir = Files.createTempDirectory("hcr-host-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new HostException("cannot prepare the host folders for " + options.buildDir() + ": "
                    + e.getMessage(), e);
        }
        var socket = privateDir.resolve("control.sock");
        var transcript = new Transcript();
        var dispatcher = new EventDispatcher("hcr-host-events");
        dispatcher.subscribe(listener);
        dispatcher.start();
        var feed = new EventFeed(transcript, dispatcher);
        Process process = null;
        var pumps = new ArrayList<Thread>();
        try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            process = launch(socket);
            // the pipes must drain while the host comes up
            pumps.add(pump(process, HostEvent.Stream.STDOUT, feed));
            pumps.add(pump(process, HostEvent.Stream.STDERR, feed));
            var channel = accept(server, process);
            return new ProgramHost(options, process, privateDir, new ControlChannel(channel), feed,
                    new EventParser(new ObjectMapper()), pumps).begin();
        } catch (IOException | HostException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            for (var pump : pumps) {
                try {
                    pump.join(DRAIN_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            dispatcher.abandon();
            deleteQuietly(socket, privateDir);
            var output = transcript.outputLines();
            throw new HostException("cannot start a host for " + options.buildDir() + ": " + e.getMessage()
                    + (output.isEmpty() ? "" : "; its output:\n  " + String.join("\n  ", output)), e);
        }
    }

    private Process launch(Path socket) throws IOException {
        var command = new ArrayList<String>();
        command.add(options.javaExecutable().toString());
        command.addAll(JVM_DEFAULTS);
        command.add("-XX:ErrorFile=" + options.hostDir().resolve("hs_err_pid%p.log"));
        command.addAll(options.jvmOptions());
        command.add("-cp");
        command.add(options.workingDir() == null ? options.classPath() : absolute(options.classPath()));
        command.add(HostMain.class.getName());
        command.addAll(List.of("--build-dir", options.buildDir().toString(), "--control", socket.toString(),
                "--name", options.programName(), "--"));
        command.addAll(options.programArgs());
        var builder = new ProcessBuilder(command)
                .redirectInput(options.input() == HostOptions.InputMode.INHERIT
                        ? ProcessBuilder.Redirect.INHERIT
                        : ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(options.environment());
        if (options.workingDir() != null) {
            builder.directory(options.workingDir().toFile());
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + options.javaExecutable() + ": " + e.getMessage(), e);
        }
    }

    /** A class path whose entries stay valid from another working directory. */
    private static String absolute(String classPath) {
        var entries = new ArrayList<String>();
        for (var entry : classPath.split(File.pathSeparator)) {
            entries.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private Thread pump(Process process, HostEvent.Stream stream, Consumer<HostEvent> feed) {
        var inherit = options.output() == HostOptions.OutputMode.INHERIT_AND_CAPTURE;
        var source = stream == HostEvent.Stream.STDOUT ? process.getInputStream() : process.getErrorStream();
        var echo = !inherit ? null : stream == HostEvent.Stream.STDOUT ? System.out : System.err;
        var thread = new Thread(new OutputPump(source, stream, echo, feed::accept, Clock.systemUTC()),
                "hcr-host-" + stream.name().toLowerCase(Locale.ROOT) + "-" + process.pid());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for the host's connection while watching that it is still alive. */
    private SocketChannel accept(ServerSocketChannel server, Process process) throws IOException {
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        server.configureBlocking(false);
        try (var selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (true) {
                var channel = server.accept();
                if (channel != null) {
                    channel.configureBlocking(true);
                    return channel;
                }
                if (!process.isAlive()) {
                    throw new HostException("the host JVM exited with status " + process.exitValue()
                            + " before connecting");
                }
                if (System.nanoTime() > deadline) {
                    throw new HostException("the host JVM did not connect within " + options.connectTimeout());
                }
                selector.select(50);
                selector.selectedKeys().clear();
            }
        }
    }

    private static void deleteQuietly(Path socket, Path dir) {
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover in the temp folder is harmless
        }
    }
}
