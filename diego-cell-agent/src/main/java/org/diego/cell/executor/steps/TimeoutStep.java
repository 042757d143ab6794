package org.diego.cell.executor.steps;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * Cancels its step when it has not ended within the timeout and then fails, whatever the step ended with,
 * with "exceeded {@code <duration>} timeout" (Go's duration format), followed by "; " and the step's
 * message when that is emittable (Diego's timeout step). Otherwise it ends as its step does.
 */
final class TimeoutStep extends Step {
    private static final Logger LOG = Logger.getLogger(TimeoutStep.class.getName());

    private final Step step;
    private final Duration timeout;
    private final StepScheduler scheduler;
    private volatile boolean timedOut;

    TimeoutStep(Step step, Duration timeout, StepScheduler scheduler) {
        this.step = step;
        this.timeout = timeout;
        this.scheduler = scheduler;
    }

    @Override
    protected void start() {
        step.ready().thenRun(this::markReady);
        StepScheduler.Cancellable timer = scheduler.schedule(timeout, () -> {
            timedOut = true;
            LOG.fine(() -> "step timed out after " + Formats.duration(timeout));
            step.cancel();
        });
        step.perform().whenComplete((v, error) -> {
            timer.cancel();
            if (!timedOut) {
                finish(error);
                return;
            }
            StepError inner = errorOf(error);
            String message = "exceeded " + Formats.duration(timeout) + " timeout";
            if (inner != null && inner.emittable()) {
                message += "; " + inner.getMessage();
            }
            fail(StepError.emittable(message, inner));
        });
    }

    @Override
    protected void onCancel() {
        step.cancel();
    }
}
