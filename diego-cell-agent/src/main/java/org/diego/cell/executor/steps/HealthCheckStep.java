package org.diego.cell.executor.steps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Diego's health-check step: runs the startup check and is ready once it passes (the container then
 * becomes RUNNING), then runs the liveness check until it fails. Failing startup ends it with "Instance
 * never healthy after {@code <elapsed>}: ...", failing liveness with "Instance became unhealthy: ...";
 * those are the crash reasons the cell reports.
 */
final class HealthCheckStep extends Step {
    private final Step startup;
    private final Step liveness;
    private final StepLog log;
    private final StepLog healthLog;
    private final Clock clock;
    private volatile Step current;

    HealthCheckStep(Step startup, Step liveness, StepLog log, StepLog healthLog, Clock clock) {
        this.startup = startup;
        this.liveness = liveness;
        this.log = log;
        this.healthLog = healthLog;
        this.clock = clock;
    }

    @Override
    protected void start() {
        log.out("Starting health monitoring of container");
        Instant began = clock.instant();
        current = startup;
        if (isCancelled()) {
            startup.cancel();
        }
        startup.perform().whenComplete((v, error) -> {
            if (error != null) {
                StepError failure = StepError.of(error);
                if (failure.cancellation() || isCancelled()) {
                    fail(StepError.cancelled());
                    return;
                }
                Duration elapsed = roundedToMillis(Duration.between(began, clock.instant()));
                healthLog.err(failure.getMessage());
                log.err("Failed after " + Formats.duration(elapsed) + ": startup health check never passed.");
                fail(StepError.emittable("Instance never healthy after " + Formats.duration(elapsed) + ": "
                        + failure.getMessage(), failure));
                return;
            }
            if (isCancelled()) {
                fail(StepError.cancelled());
                return;
            }
            log.out("Container became healthy");
            markReady();
            live();
        });
    }

    private void live() {
        current = liveness;
        if (isCancelled()) {
            liveness.cancel();
        }
        liveness.perform().whenComplete((v, error) -> {
            StepError failure = errorOf(error);
            if (isCancelled() || failure != null && failure.cancellation()) {
                fail(StepError.cancelled());
                return;
            }
            String message = failure == null ? "" : failure.getMessage();
            healthLog.err(message);
            log.err("Container became unhealthy");
            fail(StepError.emittable("Instance became unhealthy: " + message, failure));
        });
    }

    /** Go's Duration.Round(time.Millisecond). */
    static Duration roundedToMillis(Duration d) {
        return Duration.ofMillis(Math.round(d.toNanos() / 1_000_000.0));
    }

    @Override
    protected void onCancel() {
        Step step = current;
        if (step != null) {
            step.cancel();
        }
    }
}
