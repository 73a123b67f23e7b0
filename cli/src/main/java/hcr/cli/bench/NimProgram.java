package hcr.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The Nim twin of the demo (resources {@code nim/main.nim} and {@code nim/sim.nim}), running:
 * its stdout lines and its stderr reload reports go to the armed {@link NimProbe}; a line on its
 * stdin is the reload key.
 */
final class NimProgram implements AutoCloseable {

    static final List<String> SOURCES = List.of("main.nim", "sim.nim");
    private static final Pattern RELOAD = Pattern.compile("^reload (true|false) (\\d+) us$");

    private final Process process;
    private final OutputStream stdin;
    private final CountDownLatch firstLine = new CountDownLatch(1);
    private final CountDownLatch pipesClosed = new CountDownLatch(2);
    private volatile String ended;
    private final Deque<String> errors = new ArrayDeque<>();
    private volatile NimProbe probe = new NimProbe(Pattern.compile("(?!)"));

    private NimProgram(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
    }

    /** Writes the program's sources into {@code dir}. */
    static void writeSources(Path dir) throws IOException {
        for (var name : SOURCES) {
            try (InputStream in = NimProgram.class.getResourceAsStream("nim/" + name)) {
                if (in == null) {
                    throw new IOException("resource hcr/cli/bench/nim/" + name + " missing from the hcr jar");
                }
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
    }

    /** Starts {@code executable} in {@code dir} with the HCR runtime libraries found in {@code runtimeDir}. */
    static NimProgram start(Path executable, Path dir, List<String> args, Path runtimeDir) throws IOException {
        var command = new ArrayList<String>();
        command.add(executable.toString());
        command.addAll(args);
        var builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("LD_LIBRARY_PATH", runtimeDir.toString());
        var program = new NimProgram(builder.start());
        program.pump("hcr-bench-nim-out", program.process.getInputStream(), program::stdoutLine);
        program.pump("hcr-bench-nim-err", program.process.getErrorStream(), program::stderrLine);
        program.reap();
        return program;
    }

    void awaitFirstLine(long seconds) throws BenchFailure, InterruptedException {
        if (!firstLine.await(seconds, TimeUnit.SECONDS)) {
            throw new BenchFailure("the Nim program printed nothing in " + seconds + " s" + lastErrors());
        }
    }

    void arm(NimProbe next) {
        probe = next;
        if (ended != null) {
            next.failed(ended);
        }
    }

    void pressReloadKey() throws IOException {
        stdin.write('\n');
        stdin.flush();
    }

    private void stdoutLine(String line) {
        long now = System.nanoTime();
        firstLine.countDown();
        probe.output(line, now);
    }

    private void stderrLine(String line) {
        var matcher = RELOAD.matcher(line);
        if (matcher.matches()) {
            probe.reloaded(Boolean.parseBoolean(matcher.group(1)), Long.parseLong(matcher.group(2)));
            return;
        }
        synchronized (errors) {
            errors.addLast(line);
            if (errors.size() > 20) {
                errors.removeFirst();
            }
        }
    }

    private void pump(String name, InputStream stream, Consumer<String> lines) {
        daemon(name, () -> {
            try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the program is gone
            } finally {
                pipesClosed.countDown();
            }
        });
    }

    /** Once the program is gone and both pipes are drained, fails the armed probe, quoting stderr. */
    private void reap() {
        daemon("hcr-bench-nim-reaper", () -> {
            try {
                int status = process.waitFor();
                pipesClosed.await(5, TimeUnit.SECONDS);
                ended = "the program ended with status " + status + lastErrors();
                probe.failed(ended);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void daemon(String name, Runnable body) {
        var thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private String lastErrors() {
        synchronized (errors) {
            return errors.isEmpty() ? "" : ": " + errors.getLast();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
