package hcr.loader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Drains one of the program's output pipes: every byte is forwarded unchanged to an optional
 * echo (the dev server's own terminal) as soon as it is read — all but the JVM's crash banner
 * (see {@link CrashBannerFilter}) — and every line becomes an
 * {@link HostEvent.Output}. A last line without a newline is delivered at end of stream; a line
 * longer than {@value #MAX_LINE} bytes is delivered in pieces.
 */
final class OutputPump implements Runnable {

    static final int MAX_LINE = 64 * 1024;

    private final InputStream source;
    private final HostEvent.Stream stream;
    private final CrashBannerFilter echo;
    private final Consumer<HostEvent.Output> lines;
    private final Clock clock;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** @param echo where the raw bytes are copied, or null to capture only */
    OutputPump(InputStream source, HostEvent.Stream stream, OutputStream echo,
               Consumer<HostEvent.Output> lines, Clock clock) {
        this.source = source;
        this.stream = stream;
        this.echo = echo == null ? null : new CrashBannerFilter(echo);
        this.lines = lines;
        this.clock = clock;
    }

    @Override
    public void run() {
        var buffer = new byte[8192];
        try (source) {
            int n;
            while ((n = source.read(buffer)) > 0) {
                forward(buffer, n);
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        deliver();
                    } else {
                        line.write(buffer[i]);
                        if (line.size() >= MAX_LINE) {
                            deliver();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the pipe broke with the process: what was read is delivered below
        }
        if (line.size() > 0) {
            deliver();
        }
    }

    private void forward(byte[] buffer, int n) {
        if (echo == null) {
            return;
        }
        try {
            echo.write(buffer, n);
            echo.endOfRead();
        } catch (IOException e) {
            // our own terminal went away; keep capturing
        }
    }

    private void deliver() {
        var bytes = line.toByteArray();
        line.reset();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        lines.accept(new HostEvent.Output(stream, new String(bytes, 0, length, StandardCharsets.UTF_8), clock.instant()));
    }
}
