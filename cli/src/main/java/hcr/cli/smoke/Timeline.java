package hcr.cli.smoke;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Everything a smoke run observed, in order: program output, builds, starts, reloads, ends.
 * The pipeline appends from its threads; the run reads with cursors (indexes) and waits for
 * entries to come. {@code never} patterns are checked here, as each line arrives, until the
 * program they were declared for ends.
 */
final class Timeline {

    /** What a wait decides about one entry. */
    enum Verdict { SKIP, ACCEPT, FAIL }

    /** A {@code never} pattern being watched, and the step that asked for it. */
    record Forbidden(Pattern pattern, Step.Line line) {
    }

    /** A line that matched a {@code never} pattern. */
    record Violation(Forbidden rule, String output) {
    }

    private final List<Observed> entries = new ArrayList<>();
    private final List<Forbidden> forbidden = new ArrayList<>();
    private final Consumer<Observed> echo;
    private Violation violation;

    /** @param echo sees every entry as it is appended (the verbose console), on the appending thread */
    Timeline(Consumer<Observed> echo) {
        this.echo = echo;
    }

    void add(Observed entry) {
        synchronized (this) {
            entries.add(entry);
            if (entry instanceof Observed.Output output && violation == null) {
                for (var rule : forbidden) {
                    if (rule.pattern().matcher(output.line()).find()) {
                        violation = new Violation(rule, output.line());
                        break;
                    }
                }
            }
            if (entry instanceof Observed.Ended) {
                forbidden.clear(); // the rules were about the program that ended
            }
            notifyAll();
        }
        echo.accept(entry);
    }

    /**
     * Watches {@code pattern} in every output line of the running program from index
     * {@code from} on, until that program ends.
     */
    synchronized void forbid(Pattern pattern, Step.Line line, int from) {
        var rule = new Forbidden(pattern, line);
        int begin = from;
        for (int i = entries.size() - 1; i >= from; i--) {
            if (entries.get(i) instanceof Observed.Ended) {
                begin = i + 1; // lines before this are an earlier program's
                break;
            }
        }
        for (int i = begin; i < entries.size() && violation == null; i++) {
            if (entries.get(i) instanceof Observed.Output output && pattern.matcher(output.line()).find()) {
                violation = new Violation(rule, output.line());
            }
        }
        forbidden.add(rule);
    }

    synchronized Optional<Violation> violation() {
        return Optional.ofNullable(violation);
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized Observed get(int index) {
        return entries.get(index);
    }

    synchronized List<Observed> snapshot() {
        return List.copyOf(entries);
    }

    /**
     * Waits for the first entry from {@code from} on that {@code judge} accepts or fails, and
     * returns its index; -1 when {@code timeout} passes first. A {@code never} violation ends
     * the wait at once with a {@link StepFailure}.
     */
    int await(int from, Judge judge, Duration timeout) throws InterruptedException, StepFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        int next = from;
        synchronized (this) {
            while (true) {
                if (violation != null) {
                    throw StepFailure.violated(violation);
                }
                for (; next < entries.size(); next++) {
                    var verdict = judge.judge(entries.get(next), next);
                    if (verdict == Verdict.ACCEPT) {
                        return next;
                    }
                    if (verdict == Verdict.FAIL) {
                        throw judge.failure(entries.get(next), next);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Decides, entry by entry, what a wait is looking for. */
    interface Judge {
        Verdict judge(Observed entry, int index);

        /** The failure for an entry judged {@link Verdict#FAIL}. */
        StepFailure failure(Observed entry, int index);
    }

    /** How many reloads the program started last has taken. */
    synchronized int reloadsSinceStart() {
        int reloads = 0;
        for (int i = entries.size() - 1; i >= 0 && !(entries.get(i) instanceof Observed.Started); i--) {
            if (entries.get(i) instanceof Observed.Reloaded) {
                reloads++;
            }
        }
        return reloads;
    }

    /** The last {@code count} output lines before index {@code end}, for failure reports. */
    synchronized List<String> lastOutput(int end, int count) {
        var lines = new ArrayList<String>();
        for (int i = Math.min(end, entries.size()) - 1; i >= 0 && lines.size() < count; i--) {
            if (entries.get(i) instanceof Observed.Output output) {
                lines.add(0, output.line());
            }
        }
        return lines;
    }

    /** The last {@code count} entries that are not output, for failure reports. */
    synchronized List<Observed> lastEvents(int count) {
        var events = new ArrayList<Observed>();
        for (int i = entries.size() - 1; i >= 0 && events.size() < count; i--) {
            if (!(entries.get(i) instanceof Observed.Output)) {
                events.add(0, entries.get(i));
            }
        }
        return events;
    }
}
