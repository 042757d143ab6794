package org.diego.core.concurrency;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: callers that arrive while a write is running queue up, and the next caller to get the
 * writer's lock writes everything queued (up to a limit) at once, each caller then taking its own
 * outcome. No thread of its own and no waiting for company: a caller alone writes alone, at once. What
 * a group shares is the cost per write (a transaction's commit, its round trips), not its outcome: when
 * the group cannot be written as one, every item is written on its own and answers for itself.
 *
 * @param <T> what a caller submits
 * @param <R> what a caller gets back
 */
public final class GroupCommit<T, R> {
    /** Writes items; both methods run on the thread that holds the writer's lock. */
    public interface Writer<T, R> {
        /**
         * One result per item, in order; empty when the group must be written one item at a time. All or
         * nothing: when it throws or answers empty, none of the items may have been written.
         */
        Optional<List<R>> writeAll(List<T> items);

        /** One item alone; what it throws is that item's answer. */
        R writeOne(T item);
    }

    private final int maxGroup;
    private final Writer<T, R> writer;
    private final Queue<Pending<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    public GroupCommit(int maxGroup, Writer<T, R> writer) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("maxGroup must be at least 1, was " + maxGroup);
        }
        this.maxGroup = maxGroup;
        this.writer = writer;
    }

    /** Writes the item, alone or with whatever else is queued, and returns (or throws) its outcome. */
    public R submit(T item) {
        Pending<T, R> mine = new Pending<>(item);
        queue.add(mine);
        while (!mine.done) {
            writing.lock();
            try {
                if (!mine.done) {
                    write(drain());
                }
            } finally {
                writing.unlock();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /** Callers waiting for a writer (for tests and metrics). */
    public int queued() {
        return queue.size();
    }

    private List<Pending<T, R>> drain() {
        List<Pending<T, R>> group = new ArrayList<>();
        for (Pending<T, R> p = queue.poll(); p != null; p = group.size() < maxGroup ? queue.poll() : null) {
            group.add(p);
        }
        return group;
    }

    private void write(List<Pending<T, R>> group) {
        try {
            Optional<List<R>> all = group.size() == 1 ? Optional.empty() : writeAll(group);
            if (all.isEmpty()) {
                group.forEach(this::writeAlone);
            } else if (all.get().size() != group.size()) {
                group.forEach(p -> p.fail(new IllegalStateException(
                        "group write answered " + all.get().size() + " results for " + group.size() + " items")));
            } else {
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).succeed(all.get().get(i));
                }
            }
        } finally {
            // Nothing drained may be left unanswered, or its caller would wait for ever.
            for (Pending<T, R> p : group) {
                if (!p.done) {
                    p.fail(new IllegalStateException("group write ended without an outcome for this item"));
                }
            }
        }
    }

    private Optional<List<R>> writeAll(List<Pending<T, R>> group) {
        try {
            return writer.writeAll(items(group));
        } catch (RuntimeException e) {
            return Optional.empty(); // failed as a whole, so nothing of it stayed: each item gets its own try
        }
    }

    private void writeAlone(Pending<T, R> p) {
        try {
            p.succeed(writer.writeOne(p.item));
        } catch (RuntimeException e) {
            p.fail(e);
        }
    }

    private static <T, R> List<T> items(List<Pending<T, R>> group) {
        return group.stream().map(p -> p.item).toList();
    }

    /** One caller's item and, once written, its outcome (published by the volatile flag). */
    private static final class Pending<T, R> {
        final T item;
        R result;
        RuntimeException failure;
        volatile boolean done;

        Pending(T item) {
            this.item = item;
        }

        void succeed(R r) {
            result = r;
            done = true;
        }

        void fail(RuntimeException e) {
            failure = e;
            done = true;
        }
    }
}
