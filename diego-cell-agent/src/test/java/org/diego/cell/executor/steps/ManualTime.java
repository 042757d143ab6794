package org.diego.cell.executor.steps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock and scheduler that only move when told: scheduled tasks run on the test's thread when time is
 * advanced past them, so timeouts and check intervals are tested without sleeping.
 */
public final class ManualTime extends Clock implements StepScheduler {
    private Instant now = Instant.parse("2026-11-25T12:00:00Z");
    private final List<Task> tasks = new ArrayList<>(); // guarded by this
    private long sequence;

    private final class Task implements Cancellable {
        final Instant at;
        final long order;
        final Runnable action;
        boolean cancelled;

        Task(Instant at, long order, Runnable action) {
            this.at = at;
            this.order = order;
            this.action = action;
        }

        @Override
        public void cancel() {
            synchronized (ManualTime.this) {
                cancelled = true;
                tasks.remove(this);
                ManualTime.this.notifyAll();
            }
        }
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable action) {
        Task task = new Task(now.plus(delay), sequence++, action);
        tasks.add(task);
        notifyAll();
        return task;
    }

    /** Moves time forward by {@code d}, running every task that falls due, in order. */
    public void advance(Duration d) {
        Instant target;
        synchronized (this) {
            target = now.plus(d);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.at.isAfter(target))
                        .min(Comparator.comparing((Task t) -> t.at).thenComparingLong(t -> t.order)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                if (next.at.isAfter(now)) {
                    now = next.at;
                }
            }
            next.action.run();
        }
    }

    /**
     * Waits (in real time, up to five seconds) for a task to be scheduled, then advances to it and runs
     * it: for steps whose next timer is set by work finishing on another thread.
     */
    public Duration runNext() throws InterruptedException {
        Duration step;
        synchronized (this) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (tasks.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("nothing was scheduled");
                }
                wait(Math.max(1, left / 1_000_000));
            }
            Instant first = tasks.stream().map(t -> t.at).min(Comparator.naturalOrder()).orElseThrow();
            step = first.isAfter(now) ? Duration.between(now, first) : Duration.ZERO;
        }
        advance(step);
        return step;
    }

    /** Waits (in real time, up to five seconds) until something is scheduled. */
    public void awaitPending() throws InterruptedException {
        awaitPending(1);
    }

    /** Waits (in real time, up to five seconds) until at least {@code count} tasks are scheduled. */
    public synchronized void awaitPending(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (tasks.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("nothing was scheduled");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    public synchronized int pending() {
        return tasks.size();
    }

    /** Time elapsed since the start. */
    public synchronized Duration elapsed() {
        return Duration.between(Instant.parse("2026-11-25T12:00:00Z"), now);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
