package org.diego.cell.executor.steps;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay: the one way steps wait (timeouts, check intervals, kill after grace), so
 * tests can drive them with a manual clock instead of sleeping.
 */
@FunctionalInterface
public interface StepScheduler {

    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may be called off; cancelling a run or cancelled task does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /**
     * Times on {@code timers}, runs on {@code work}: a task may start a process (a monitor check), which
     * must not hold up the timer threads every container shares.
     */
    static StepScheduler of(ScheduledExecutorService timers, Executor work) {
        return (delay, task) -> {
            ScheduledFuture<?> f = timers.schedule(() -> work.execute(task), Math.max(0, delay.toNanos()),
                    TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
