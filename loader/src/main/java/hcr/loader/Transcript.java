package hcr.loader;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a host said, kept for waiting and looking back: the last {@value #MAX_LINES} output lines
 * and the last {@value #MAX_EVENTS} other events, in arrival order.
 *
 * <p>Waits work like {@code expect}: {@link #awaitOutput} looks at lines after the previous match
 * and moves past the line it returns, so "await tick, reload, await tick" sees a new tick.
 * {@link #awaitEvent} does the same over events, with its own position.
 */
final class Transcript {

    static final int MAX_LINES = 10_000;
    static final int MAX_EVENTS = 10_000;
    private static final int LINES_IN_MESSAGES = 20;

    private final ArrayDeque<HostEvent.Output> lines = new ArrayDeque<>();
    private long firstLine;
    private long lineCursor;
    private final ArrayDeque<HostEvent> events = new ArrayDeque<>();
    private long firstEvent;
    private long eventCursor;
    private HostEvent.Ending ending;

    synchronized void record(HostEvent event) {
        if (event instanceof HostEvent.Output output) {
            lines.addLast(output);
            if (lines.size() > MAX_LINES) {
                lines.removeFirst();
                firstLine++;
            }
        } else {
            events.addLast(event);
            if (events.size() > MAX_EVENTS) {
                events.removeFirst();
                firstEvent++;
            }
            if (event instanceof HostEvent.Ending end) {
                ending = end;
            }
        }
        notifyAll();
    }

    /** The next line (stdout or stderr) after the previous match in which {@code pattern} is found. */
    synchronized String awaitOutput(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long index = firstLine;
            for (var output : lines) {
                if (index >= lineCursor && pattern.matcher(output.line()).find()) {
                    lineCursor = index + 1;
                    return output.line();
                }
                index++;
            }
            lineCursor = Math.max(lineCursor, firstLine);
            if (ending != null) {
                throw new HostException("the program ended (" + ending + ") before printing a line matching /"
                        + pattern + "/" + lastLines());
            }
            if (!waitUntil(deadline)) {
                throw new HostException("no output line matching /" + pattern + "/ within " + timeout + lastLines());
            }
        }
    }

    /** The next event of {@code type} after the previous match that satisfies {@code condition}. */
    synchronized <E extends HostEvent> E awaitEvent(Class<E> type, Predicate<? super E> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long index = firstEvent;
            for (var event : events) {
                if (index >= eventCursor && type.isInstance(event) && condition.test(type.cast(event))) {
                    eventCursor = index + 1;
                    return type.cast(event);
                }
                index++;
            }
            if (ending != null) {
                throw new HostException("the program ended (" + ending + ") before a " + type.getSimpleName()
                        + " event" + lastLines());
            }
            if (!waitUntil(deadline)) {
                throw new HostException("no " + type.getSimpleName() + " event within " + timeout
                        + "; events: " + events + lastLines());
            }
        }
    }

    synchronized HostEvent.Ending awaitEnding(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ending == null) {
            if (!waitUntil(deadline)) {
                throw new HostException("the program did not end within " + timeout + lastLines());
            }
        }
        return ending;
    }

    synchronized Optional<HostEvent.Ending> ending() {
        return Optional.ofNullable(ending);
    }

    synchronized List<String> outputLines() {
        return lines.stream().map(HostEvent.Output::line).toList();
    }

    synchronized List<HostEvent> events() {
        return List.copyOf(events);
    }

    /** The last {@code count} output lines, stdout and stderr. */
    synchronized List<String> lastLines(int count) {
        return lines.stream().skip(Math.max(0, lines.size() - count)).map(HostEvent.Output::line).toList();
    }

    private String lastLines() {
        if (lines.isEmpty()) {
            return "; the program printed nothing";
        }
        var text = new StringBuilder("; last output lines:");
        lines.stream().skip(Math.max(0, lines.size() - LINES_IN_MESSAGES))
                .forEach(output -> text.append("\n  ").append(output.stream() == HostEvent.Stream.STDERR ? "err| " : "out| ")
                        .append(output.line()));
        return text.toString();
    }

    /** Waits for a change; false once the deadline has passed. */
    private boolean waitUntil(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException("interrupted while waiting for the program", e);
        }
        return true;
    }
}
