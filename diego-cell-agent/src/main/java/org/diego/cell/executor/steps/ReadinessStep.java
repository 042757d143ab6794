package org.diego.cell.executor.steps;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Diego's readiness health-check step: waits for the readiness checks to pass, reports the container
 * ready (routable), waits for one to fail, reports it not ready, and starts over, for as long as the
 * container runs. Ready at once; it never decides the container's fate unless it is cancelled.
 */
final class ReadinessStep extends Step {
    private final Supplier<Step> untilReady;
    private final Supplier<Step> untilFailure;
    private final Consumer<Boolean> readiness;
    private final StepLog log;
    private volatile Step current;

    ReadinessStep(Supplier<Step> untilReady, Supplier<Step> untilFailure, Consumer<Boolean> readiness, StepLog log) {
        this.untilReady = untilReady;
        this.untilFailure = untilFailure;
        this.readiness = readiness;
        this.log = log;
    }

    @Override
    protected void start() {
        log.out("Starting readiness health monitoring of container");
        markReady();
        waitUntilReady();
    }

    private void waitUntilReady() {
        Step step = run(untilReady.get());
        step.perform().whenComplete((v, error) -> {
            if (isCancelled()) {
                fail(StepError.cancelled());
            } else if (error != null) {
                log.out("Failed to run the readiness check");
                finish(error);
            } else {
                readiness.accept(true);
                log.out("Container passed the readiness health check. Container marked ready and added to route pool.");
                waitUntilFailure();
            }
        });
    }

    private void waitUntilFailure() {
        Step step = run(untilFailure.get());
        step.perform().whenComplete((v, error) -> {
            if (isCancelled()) {
                fail(StepError.cancelled());
            } else if (error != null) {
                readiness.accept(false);
                log.out("Container failed the readiness health check. Container marked not ready and removed from "
                        + "route pool.");
                waitUntilReady();
            } else {
                succeed(); // Diego: an until-failure check that ends well is unexpected; the step just ends
            }
        });
    }

    private Step run(Step step) {
        current = step;
        if (isCancelled()) {
            step.cancel();
        }
        return step;
    }

    @Override
    protected void onCancel() {
        Step step = current;
        if (step != null) {
            step.cancel();
        }
    }
}
