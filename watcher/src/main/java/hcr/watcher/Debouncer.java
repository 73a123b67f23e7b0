package hcr.watcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Collects raw events from the event thread and hands them to the delivery thread as
 * {@link Burst}s: a burst closes once no event arrived for the quiet period, or once the max wait
 * has passed since its first event, whichever comes first.
 *
 * <p>Recording an event is cheap and never blocks on delivery: the event thread only takes a lock
 * to add a path. The waiting thread is woken once per burst (by its first event) and otherwise
 * sleeps until the deadline it computed, re-checking it against the newest event when it wakes.
 */
final class Debouncer {

    private final long quietNanos;
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition started = lock.newCondition();

    private Set<Path> paths = new HashSet<>();
    private boolean pending;
    private boolean overflow;
    private boolean watchEnded;
    private boolean closed;
    private long firstNanos;
    private long lastNanos;

    Debouncer(Duration quietPeriod, Duration maxWait) {
        this.quietNanos = quietPeriod.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
    }

    void touched(Path path) {
        lock.lock();
        try {
            paths.add(path);
            arrived();
        } finally {
            lock.unlock();
        }
    }

    void overflowed() {
        lock.lock();
        try {
            overflow = true;
            arrived();
        } finally {
            lock.unlock();
        }
    }

    void watchEnded() {
        lock.lock();
        try {
            watchEnded = true;
            arrived();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the waiting thread for good: {@link #await} returns {@code null} from now on. */
    void close() {
        lock.lock();
        try {
            closed = true;
            started.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the next burst to close and returns it; returns {@code null} if no event arrived
     * within {@code idle}, or once closed.
     */
    Burst await(Duration idle) throws InterruptedException {
        lock.lock();
        try {
            var idleDeadline = System.nanoTime() + idle.toNanos();
            while (!closed) {
                var now = System.nanoTime();
                if (pending) {
                    var due = Math.min(lastNanos + quietNanos, firstNanos + maxWaitNanos);
                    if (now - due >= 0) {
                        return drain();
                    }
                    started.awaitNanos(due - now);
                } else {
                    if (now - idleDeadline >= 0) {
                        return null;
                    }
                    started.awaitNanos(idleDeadline - now);
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void arrived() {
        var now = System.nanoTime();
        lastNanos = now;
        if (!pending) {
            pending = true;
            firstNanos = now;
            started.signalAll();
        }
    }

    private Burst drain() {
        var burst = new Burst(paths, overflow, watchEnded, firstNanos);
        paths = new HashSet<>();
        pending = false;
        overflow = false;
        watchEnded = false;
        return burst;
    }
}
