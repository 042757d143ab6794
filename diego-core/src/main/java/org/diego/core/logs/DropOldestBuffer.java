package org.diego.core.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded FIFO that never refuses an item: when full, the oldest item is dropped and counted. This is
 * the cell's outbound log buffer (an app writing faster than the cluster reads, or a cluster that is
 * away, costs old lines, never a blocked app), the policy Loggregator's diodes follow.
 */
public final class DropOldestBuffer<T> {
    private final int capacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private long dropped;

    public DropOldestBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized void add(T item) {
        if (items.size() == capacity) {
            items.removeFirst();
            dropped++;
        }
        items.addLast(item);
    }

    /** Removes and returns up to {@code max} of the oldest items. */
    public synchronized List<T> take(int max) {
        List<T> out = new ArrayList<>(Math.min(max, items.size()));
        while (out.size() < max && !items.isEmpty()) {
            out.add(items.removeFirst());
        }
        return out;
    }

    /** Puts items taken but not delivered back at the front, as far as room allows; the rest count as dropped. */
    public synchronized void putBack(List<T> taken) {
        for (int i = taken.size() - 1; i >= 0; i--) {
            if (items.size() == capacity) {
                dropped += i + 1;
                return;
            }
            items.addFirst(taken.get(i));
        }
    }

    /** The number dropped since the last call, which resets it. */
    public synchronized long takeDropped() {
        long n = dropped;
        dropped = 0;
        return n;
    }

    public synchronized int size() {
        return items.size();
    }

    public int capacity() {
        return capacity;
    }
}
