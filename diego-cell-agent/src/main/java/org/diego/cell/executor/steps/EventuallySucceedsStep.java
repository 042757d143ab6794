package org.diego.cell.executor.steps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A legacy monitor's startup phase (Diego's eventually-succeeds step): the check runs every
 * {@code frequency}, the first time after one period, until it succeeds; once {@code timeout} (if
 * positive) has passed, the next failure is final and the step fails with it.
 */
final class EventuallySucceedsStep extends PollingStep {
    private final Duration frequency;
    private final Duration timeout;
    private final Clock clock;
    private Instant started;

    EventuallySucceedsStep(Supplier<Step> check, Duration frequency, Duration timeout, Clock clock,
                           StepScheduler scheduler) {
        super(check, scheduler);
        this.frequency = frequency;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    protected void begin() {
        started = clock.instant();
        again(frequency);
    }

    @Override
    protected void attempted(StepError error) {
        if (error == null) {
            succeed();
        } else if ((!timeout.isNegative() && !timeout.isZero()) && clock.instant().isAfter(started.plus(timeout))) {
            fail(error);
        } else {
            again(frequency);
        }
    }
}
