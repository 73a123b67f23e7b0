package hcr.loader;

import java.util.function.Consumer;

/**
 * Keeps the host JVM's crash banner out of a stream of {@link HostEvent}s, for whatever shows the
 * program's output lines (the browser console, a smoke scenario's timeline). When native code
 * crashes the host, HotSpot prints on stdout a line {@code #}, then {@link #MARKER}, then some
 * twenty {@code #} lines, and dies; they are the host's words, not the program's, and hcr reports
 * the crash in one line of its own. {@link CrashBannerFilter} does the same for the bytes echoed
 * to the terminal; the events themselves still carry the banner, for the crash report.
 *
 * <p>A stdout line {@code #} is held back until the next event shows whether the banner begins.
 * Not thread-safe: feed it from one thread, or under the caller's lock.
 */
public final class CrashBannerLines implements Consumer<HostEvent> {

    /** The banner's second line, as HotSpot prints it. */
    public static final String MARKER = "# A fatal error has been detected by the Java Runtime Environment:";

    private final Consumer<? super HostEvent> downstream;
    private HostEvent.Output held;
    private boolean inBanner;

    /** @param downstream receives every event but the banner's lines, in order */
    public CrashBannerLines(Consumer<? super HostEvent> downstream) {
        this.downstream = downstream;
    }

    @Override
    public void accept(HostEvent event) {
        if (event instanceof HostEvent.Output line && line.stream() == HostEvent.Stream.STDOUT) {
            if (inBanner) {
                return;
            }
            if (line.line().startsWith(MARKER)) {
                held = null;
                inBanner = true;
                return;
            }
            if (line.line().equals("#")) {
                release();
                held = line;
                return;
            }
        }
        release();
        downstream.accept(event);
    }

    /** Another program starts on this stream: a held line is passed on, and the output is the program's again. */
    public void programStarting() {
        release();
        inBanner = false;
    }

    private void release() {
        if (held != null) {
            var line = held;
            held = null;
            downstream.accept(line);
        }
    }
}
