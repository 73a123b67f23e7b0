package hcr.watcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What a watcher delivered, as the tests wait for it: change sets in order, and errors. */
final class Deliveries implements Consumer<ChangeSet> {

    /** Generous: waits end as soon as the set arrives; this only bounds a failing test. */
    static final Duration PATIENCE = Duration.ofSeconds(15);

    private final LinkedBlockingQueue<ChangeSet> sets = new LinkedBlockingQueue<>();
    private final List<WatchError> errors = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<WatchError> newErrors = new LinkedBlockingQueue<>();

    @Override
    public void accept(ChangeSet changeSet) {
        sets.add(changeSet);
    }

    Consumer<WatchError> errors() {
        return error -> {
            errors.add(error);
            newErrors.add(error);
        };
    }

    /** The next reported error that matches; fails if none arrives. */
    WatchError nextError(Predicate<WatchError> wanted) throws InterruptedException {
        while (true) {
            var error = newErrors.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (error == null) {
                fail("no matching error within " + PATIENCE + "; errors so far: " + errors);
            }
            if (wanted.test(error)) {
                return error;
            }
        }
    }

    List<WatchError> errorList() {
        return List.copyOf(errors);
    }

    /** The next change set; fails if none arrives. */
    ChangeSet next() throws InterruptedException {
        var set = sets.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (set == null) {
            fail("no change set within " + PATIENCE);
        }
        return set;
    }

    /** Change sets up to and including the first one that matches. */
    List<ChangeSet> until(Predicate<ChangeSet> wanted) throws InterruptedException {
        var seen = new ArrayList<ChangeSet>();
        while (true) {
            var set = next();
            seen.add(set);
            if (wanted.test(set)) {
                return seen;
            }
        }
    }

    /**
     * Proves nothing else is on its way: writes a sentinel file and expects the very next change
     * set to hold the sentinel and nothing but it. Events are delivered in order, so anything
     * pending from earlier edits would show up before or alongside it.
     */
    void expectNothingMore(Path root) throws Exception {
        var sentinel = root.resolve("sentinel-" + System.nanoTime() + ".txt");
        Files.writeString(sentinel, "sentinel");
        var set = next();
        assertEquals(List.of(sentinel), List.copyOf(set.all()), "expected only the sentinel, got " + set);
        assertTrue(set.created().contains(sentinel), () -> "sentinel should be created: " + set);
    }

    /** Whether a change set arrives within {@code wait}; for checking that none does. */
    ChangeSet poll(Duration wait) throws InterruptedException {
        return sets.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
