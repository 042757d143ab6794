package org.diego.cell.executor.steps;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A legacy monitor's liveness phase (Diego's consistently-succeeds step): the check runs every
 * {@code frequency}, the first time after one period, and the first failure ends the step with it.
 */
final class ConsistentlySucceedsStep extends PollingStep {
    private final Duration frequency;

    ConsistentlySucceedsStep(Supplier<Step> check, Duration frequency, StepScheduler scheduler) {
        super(check, scheduler);
        this.frequency = frequency;
    }

    @Override
    protected void begin() {
        again(frequency);
    }

    @Override
    protected void attempted(StepError error) {
        if (error == null) {
            again(frequency);
        } else {
            fail(error);
        }
    }
}
