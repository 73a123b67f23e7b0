package hcr.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

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
