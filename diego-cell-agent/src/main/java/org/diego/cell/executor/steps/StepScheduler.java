package org.diego.cell.executor.steps;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay: the one way steps wait (timeouts, check intervals, kill after grace), so
 * tests can drive them with a manual clock instead of sleeping. Tasks must only hand work on.
 */
@FunctionalInterface
public interface StepScheduler {

    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may be called off; cancelling a run or cancelled task does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    static StepScheduler of(ScheduledExecutorService timers) {
        return (delay, task) -> {
            ScheduledFuture<?> f = timers.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
