package org.diego.cell.executor.steps;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a fresh check step again and again, one at a time, with a pause after each (the loop behind
 * Diego's monitor and healthcheck steps); subclasses decide after each result whether to go on. Ready at
 * once. Cancelled while waiting it ends as cancelled; while a check runs, it cancels the check and then
 * ends as cancelled.
 */
abstract class PollingStep extends Step {
    private final Supplier<Step> check;
    private final StepScheduler scheduler;
    private Step current; // guarded by this
    private StepScheduler.Cancellable pending;
    private int attempts;

    PollingStep(Supplier<Step> check, StepScheduler scheduler) {
        this.check = check;
        this.scheduler = scheduler;
    }

    /** What to do after an attempt: call {@link #again}, {@link #succeed} or {@link #fail}. */
    protected abstract void attempted(StepError error);

    /** Begins polling: the first attempt now or after a delay. */
    protected abstract void begin();

    @Override
    protected final void start() {
        markReady();
        begin();
    }

    protected final synchronized int attempts() {
        return attempts;
    }

    /** The next attempt after {@code delay} (zero: now, on this thread). */
    protected final void again(Duration delay) {
        if (delay.isZero()) {
            attempt();
            return;
        }
        synchronized (this) {
            if (isDone() || isCancelled()) {
                return;
            }
            pending = scheduler.schedule(delay, this::attempt);
        }
    }

    private void attempt() {
        Step step;
        synchronized (this) {
            pending = null;
            if (isDone() || isCancelled()) {
                return;
            }
            attempts++;
            step = check.get();
            current = step;
        }
        step.perform().whenComplete((v, error) -> {
            synchronized (this) {
                current = null;
            }
            if (isCancelled()) {
                fail(StepError.cancelled());
            } else if (!isDone()) {
                attempted(errorOf(error));
            }
        });
    }

    /** Stops polling: the pending attempt is called off and a running one cancelled. */
    protected final void stopPolling() {
        Step step;
        synchronized (this) {
            if (pending != null) {
                pending.cancel();
                pending = null;
            }
            step = current;
        }
        if (step != null) {
            step.cancel();
        }
    }

    @Override
    protected void onCancel() {
        boolean running;
        synchronized (this) {
            running = current != null;
        }
        stopPolling();
        if (!running) {
            fail(StepError.cancelled());
        }
    }
}
