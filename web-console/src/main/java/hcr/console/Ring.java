package hcr.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** The newest {@code capacity} items of an endless stream, and how many older ones were dropped. Not thread-safe. */
final class Ring<T> {
    private final int capacity;
    private final ArrayDeque<T> items;
    private long dropped;

    Ring(int capacity) {
        this.capacity = capacity;
        this.items = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    void add(T item) {
        if (items.size() == capacity) {
            items.removeFirst();
            dropped++;
        }
        items.addLast(item);
    }

    /**
     * Replaces the newest item {@code which} accepts by {@code how} applied to it, in its place, and
     * returns the replacement; empty when none is accepted. Copies the items: for rare amendments
     * (a reload entry learning of its type changes), not for a stream.
     */
    Optional<T> replaceNewest(Predicate<? super T> which, UnaryOperator<T> how) {
        var copy = new ArrayList<>(items);
        for (int i = copy.size() - 1; i >= 0; i--) {
            if (which.test(copy.get(i))) {
                var replacement = how.apply(copy.get(i));
                copy.set(i, replacement);
                items.clear();
                items.addAll(copy);
                return Optional.of(replacement);
            }
        }
        return Optional.empty();
    }

    /** Oldest first. */
    List<T> list() {
        return List.copyOf(items);
    }

    /** Newest first. */
    List<T> newestFirst() {
        var copy = new ArrayList<T>(items.size());
        items.descendingIterator().forEachRemaining(copy::add);
        return List.copyOf(copy);
    }

    long dropped() {
        return dropped;
    }

    int capacity() {
        return capacity;
    }
}
