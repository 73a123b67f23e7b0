package hcr.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every line one stream of a process printed, read on a thread of its own as the lines arrive,
 * and waits for lines to come. A wait fails at once when the stream ends without the line.
 */
final class LineLog {

    private final String name;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private LineLog(String name) {
        this.name = name;
    }

    /** Starts reading {@code stream} as UTF-8 lines. */
    static LineLog reading(String name, InputStream stream) {
        var log = new LineLog(name);
        var reader = new Thread(() -> log.read(stream), "it-" + name);
        reader.setDaemon(true);
        reader.start();
        return log;
    }

    private void read(InputStream stream) {
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                add(line);
            }
        } catch (IOException e) {
            // the process went away
        } finally {
            end();
        }
    }

    private synchronized void add(String line) {
        lines.add(line);
        notifyAll();
    }

    private synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized int size() {
        return lines.size();
    }

    /** The lines from index {@code from} on that match {@code regex} (found anywhere in the line). */
    List<String> matching(String regex, int from) {
        var pattern = Pattern.compile(regex);
        var all = lines();
        return all.subList(Math.min(from, all.size()), all.size()).stream()
                .filter(line -> pattern.matcher(line).find()).toList();
    }

    List<String> matching(String regex) {
        return matching(regex, 0);
    }

    /**
     * Waits for the first line at index {@code from} or later in which {@code regex} is found;
     * returns its match and index. {@code context} describes the process for a failure.
     */
    Match await(String regex, int from, Duration patience, Supplier<String> context) {
        var pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (this) {
            int next = from;
            while (true) {
                for (; next < lines.size(); next++) {
                    var matcher = pattern.matcher(lines.get(next));
                    if (matcher.find()) {
                        return new Match(next, lines.get(next), matcher);
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return fail((ended ? name + " ended" : "waited " + patience.toSeconds() + " s")
                            + " without a line matching /" + regex + "/ after line " + from + "\n" + context.get());
                }
                waitNanos(left);
            }
        }
    }

    /** Waits until the stream has at least {@code count} lines. */
    void awaitSize(int count, Duration patience, Supplier<String> context) {
        await("", Math.max(count - 1, 0), patience, context);
    }

    /** Waits until the stream has ended (the process closed it). */
    void awaitEnd(Duration patience, Supplier<String> context) {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (this) {
            while (!ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail(name + " did not end within " + patience.toSeconds() + " s\n" + context.get());
                }
                waitNanos(left);
            }
        }
    }

    private void waitNanos(long nanos) {
        try {
            wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting on " + name);
        }
    }

    /** The last {@code count} lines, numbered, for a failure message. */
    String tail(int count) {
        var all = lines();
        var text = new StringBuilder("--- ").append(name).append(" (").append(all.size()).append(" lines)\n");
        for (int i = Math.max(0, all.size() - count); i < all.size(); i++) {
            text.append(String.format("%4d| %s%n", i, all.get(i)));
        }
        return text.toString();
    }

    /** A line found by {@link #await}: where it is and what the pattern matched. */
    record Match(int index, String line, Matcher matcher) {
        String group(int group) {
            return matcher.group(group);
        }

        long number(int group) {
            return Long.parseLong(matcher.group(group));
        }
    }
}
