package hcr.cli;

import hcr.compiler.BuildListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * hcr's own voice: one line per event on stderr, so the program's stdout stays the
 * program's. Also the build listener that shows progress and compiler output as printed.
 */
final class Terminal implements BuildListener {

    private final PrintStream err;
    private final boolean colour;
    /** Whether {@code →} can be written as it is (not in a POSIX locale, whose stderr is ASCII). */
    private final boolean arrows;

    Terminal(PrintStream err, boolean colour) {
        this.err = err;
        this.colour = colour;
        var charset = System.getProperty("sun.stderr.encoding");
        this.arrows = (charset == null || !Charset.isSupported(charset) ? Charset.defaultCharset() : Charset.forName(charset))
                .newEncoder().canEncode('→');
    }

    /** A terminal on this process's stderr; colour when it is attached to a terminal. */
    static Terminal standard() {
        return new Terminal(System.err, stderrIsTerminal() && System.getenv("NO_COLOR") == null);
    }

    /**
     * Whether file descriptor 2 is a terminal. {@link System#console()} cannot tell: it asks about
     * stdin and stdout, so {@code 2>log} would get colour codes and {@code | tee} would lose them.
     */
    static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    /** Whether file descriptor 0 is a terminal (the program under {@code hcr dev} reads it too). */
    static boolean stdinIsTerminal() {
        return isTerminal(0);
    }

    private static boolean isTerminal(int fd) {
        try {
            var device = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** A line exactly as given, on stderr (the console's address: {@code hcr console: http://...}). */
    synchronized void line(String text) {
        err.println(text);
    }

    /** A line from hcr itself, prefixed {@code hcr: }. */
    synchronized void say(String message) {
        err.println("hcr: " + (arrows ? message : message.replace("→", "->")));
        err.flush();
    }

    @Override
    public synchronized void progress(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public synchronized void toolOutput(String text) {
        err.print(text.endsWith("\n") ? text : text + "\n");
        err.flush();
    }

    @Override
    public boolean colour() {
        return colour;
    }
}
