package hcr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The question a struct or union whose layout changed asks on the terminal (issue 10): the
 * objects the old code made are read with the new layout — restart? Answered with {@code r}
 * then Enter (restart) or {@code n} / Enter alone (keep running), or by the console's Restart.
 *
 * <p>Why a line, and only while asking: the program reads the same terminal (its stdin is hcr's,
 * {@code HostOptions.InputMode.INHERIT}), so whatever hcr reads, the program does not get. hcr
 * therefore reads nothing unless a question is open and its stdin is a terminal (a pipe or
 * {@code /dev/null} is a script's or a test's, where nobody answers). Even then it does not wait
 * in {@code read}, which would race the program for every line: it asks the terminal every
 * {@value #POLL_MILLIS} ms how many typed bytes wait ({@code FIONREAD}, which a terminal in line
 * mode answers for complete lines only), and reads a line only once it has waited a whole poll.
 * A program blocked reading its stdin takes a line the moment Enter is pressed, so a line still
 * waiting is one no one is reading: the program does not read its input now. The line typed while
 * the question is open goes to hcr, and hcr says so when it is no answer. One keystroke without
 * Enter would need the terminal out of line mode, which would change it for the program too.
 */
final class LayoutQuestion implements AutoCloseable {

    static final long POLL_MILLIS = 100;
    private static final int MAX_LINE = 1024;

    private final Consumer<String> say;
    private final Runnable restart;
    private final Runnable closed;
    private final InputStream terminal;
    private final ScheduledExecutorService poller;
    private int asked;
    private ScheduledFuture<?> polling;
    private int waitedPolls;

    /**
     * @param terminal hcr's stdin when it is a terminal (the answer is read there), else null
     * @param restart  what {@code r} does: restarts the program, without blocking
     * @param closed   told when the question is over (the console then stops asking too)
     */
    LayoutQuestion(Consumer<String> say, Runnable restart, Runnable closed, InputStream terminal) {
        this.say = say;
        this.restart = restart;
        this.closed = closed;
        this.terminal = terminal;
        this.poller = terminal == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "hcr-layout-question");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the question about generation {@code generation}: says how to answer, and listens if it can. */
    synchronized void ask(int generation) {
        asked = generation;
        waitedPolls = 0;
        if (terminal == null) {
            say.accept("restart from the console, or run hcr dev --restart-on-layout-change to restart on such changes");
            return;
        }
        say.accept("r then Enter restarts the program, n keeps it running (the line typed now goes to hcr);"
                + " or Restart in the console");
        if (polling == null) {
            polling = poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Whether a question is open. */
    synchronized boolean open() {
        return asked > 0;
    }

    /** The question is over (the program restarted or ended, or it was answered): hcr stops reading. */
    synchronized void closeQuestion() {
        if (asked > 0) {
            closed.run();
        }
        asked = 0;
        if (polling != null) {
            polling.cancel(false);
            polling = null;
        }
    }

    private synchronized void poll() {
        if (asked == 0) {
            return;
        }
        try {
            int waiting = terminal.available();
            if (waiting <= 0) {
                waitedPolls = 0;
                return;
            }
            if (++waitedPolls < 2) {
                return; // typed since the last poll: the program may be about to take it
            }
            var bytes = new byte[Math.min(waiting, MAX_LINE)];
            int read = terminal.read(bytes);
            waitedPolls = 0;
            var text = read <= 0 ? "" : new String(bytes, 0, read, StandardCharsets.UTF_8);
            answer(text.lines().findFirst().orElse("").strip());
        } catch (IOException e) {
            closeQuestion(); // the terminal went away: the console still asks
        }
    }

    /** Acts on one line typed while the question is open. */
    synchronized void answer(String line) {
        if (asked == 0) {
            return;
        }
        switch (line.toLowerCase(Locale.ROOT)) {
            case "r" -> {
                int generation = asked;
                closeQuestion();
                say.accept("restarting the program on gen " + generation);
                restart.run();
            }
            case "n", "" -> {
                say.accept("the program keeps running: objects made before gen " + asked
                        + " are read with the new layout");
                closeQuestion();
            }
            default -> say.accept("'" + line + "' is no answer (hcr read it, the program did not): r restarts,"
                    + " n keeps the program running");
        }
    }

    @Override
    public synchronized void close() {
        closeQuestion();
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
