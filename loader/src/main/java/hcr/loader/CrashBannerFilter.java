package hcr.loader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the JVM's fatal error banner off the dev server's terminal. When native code crashes
 * the host JVM, HotSpot prints some twenty {@code #} lines on the process's stdout, which is
 * the program's stdout; they are the host's words, not the program's, and hcr reports the
 * crash in one line of its own. (The lines are still captured as events: the crash report
 * falls back on them when no log file was written.)
 *
 * <p>The banner starts with a line {@code #} followed by
 * {@code # A fatal error has been detected by the Java Runtime Environment:}. A line that is
 * exactly {@code #} is held back until the next line shows whether the banner begins, or
 * until the current read ends ({@link #endOfRead()}), so output is never delayed beyond what
 * the program has already written (when the JVM writes the banner one line a write, that
 * first {@code #} gets through). From the marker line on nothing more is echoed: the JVM dies
 * right after it.
 */
final class CrashBannerFilter {

    private static final byte[] MARKER = CrashBannerLines.MARKER.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HASH_LINE = {'#', '\n'};

    private final OutputStream echo;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean atLineStart = true;
    private boolean holdingHashLine;
    private boolean inBanner;

    CrashBannerFilter(OutputStream echo) {
        this.echo = echo;
    }

    /** Echoes what a read brought, except the banner. */
    void write(byte[] buffer, int n) throws IOException {
        for (int i = 0; i < n && !inBanner; i++) {
            accept(buffer[i]);
        }
    }

    /**
     * Called when a read has been handled: what is held back is echoed, unless it is the
     * start of the banner's marker line, still arriving.
     */
    void endOfRead() throws IOException {
        if (!inBanner) {
            var mayBeMarker = pending.size() > 2 && isMarkerPrefix(pending.toByteArray());
            if (!mayBeMarker) {
                releaseHeld();
                pending.writeTo(echo);
                pending.reset();
            }
        }
        echo.flush();
    }

    private void accept(byte b) throws IOException {
        if (pending.size() > 0) {
            pending.write(b);
            if (b == '\n') {
                lineOfHashes();
            }
        } else if (atLineStart && b == '#') {
            pending.write(b);
            atLineStart = false;
        } else {
            releaseHeld();
            echo.write(b);
            atLineStart = b == '\n';
        }
    }

    /** A line starting with '#' is complete in {@code pending}. */
    private void lineOfHashes() throws IOException {
        var line = pending.toByteArray();
        pending.reset();
        atLineStart = true;
        if (line.length == HASH_LINE.length && line[0] == '#') {
            releaseHeld();
            holdingHashLine = true;
        } else if (startsWith(line, MARKER)) {
            holdingHashLine = false;
            inBanner = true;
        } else {
            releaseHeld();
            echo.write(line);
        }
    }

    private void releaseHeld() throws IOException {
        if (holdingHashLine) {
            echo.write(HASH_LINE);
            holdingHashLine = false;
        }
    }

    private static boolean isMarkerPrefix(byte[] start) {
        if (start.length > MARKER.length) {
            return false;
        }
        for (int i = 0; i < start.length; i++) {
            if (start[i] != MARKER[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] line, byte[] prefix) {
        if (line.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
