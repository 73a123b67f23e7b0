package hcr.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for what another thread makes true: the host's events reach the state on the host's event thread. */
final class Eventually {
    private Eventually() {
    }

    /** Returns {@code value.get()} once {@code done} holds for it; fails with the last value after {@code timeout}. */
    static <T> T until(Duration timeout, Supplier<T> value, java.util.function.Predicate<T> done) {
        long end = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > end) {
                fail("still not there after " + timeout + ": " + last);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
            last = value.get();
        }
        return last;
    }
}
