package org.diego.cell.rep;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One-shot timers: the seam through which the sync loop and the evacuator wait, so that tests drive
 * their 30 s, 10 s and 10 min periods by hand instead of sleeping.
 */
@FunctionalInterface
public interface Scheduler {
    /** Runs {@code task} once, after {@code delay}. */
    Timer schedule(Duration delay, Runnable task);

    /** A scheduled task that has not run yet can still be cancelled. */
    @FunctionalInterface
    interface Timer {
        void cancel();
    }

    /** Timers on a real executor; each task runs on one of its threads. */
    static Scheduler of(ScheduledExecutorService executor) {
        return (delay, task) -> {
            ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
