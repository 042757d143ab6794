package org.diego.cell.rep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/** Timers driven by the test: nothing runs until {@link #advance}, which runs what falls due, in order. */
final class ManualScheduler implements Scheduler {
    private static final Instant EPOCH = Instant.parse("2026-11-25T12:00:00Z");
    private final PriorityQueue<Entry> due = new PriorityQueue<>();
    private long now; // nanos since EPOCH
    private long seq;

    private static final class Entry implements Comparable<Entry> {
        final long at;
        final long seq;
        final Runnable task;
        volatile boolean cancelled;

        Entry(long at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        Entry e = new Entry(now + delay.toNanos(), seq++, task);
        due.add(e);
        return () -> e.cancelled = true;
    }

    /** Moves time forward by {@code by}, running every task that falls due on the way (on this thread). */
    void advance(Duration by) {
        long target;
        synchronized (this) {
            target = now + by.toNanos();
        }
        while (true) {
            Entry next;
            synchronized (this) {
                next = due.peek();
                if (next == null || next.at > target) {
                    now = target;
                    return;
                }
                due.poll();
                now = next.at;
            }
            if (!next.cancelled) {
                next.task.run();
            }
        }
    }

    /** Live timers (not cancelled, not run yet). */
    synchronized long pending() {
        return due.stream().filter(e -> !e.cancelled).count();
    }

    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                synchronized (ManualScheduler.this) {
                    return EPOCH.plusNanos(now);
                }
            }
        };
    }
}
