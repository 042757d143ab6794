package org.diego.cell.executor.steps;

import java.util.logging.Logger;

/** Runs its step and succeeds whatever happened, logging a failure (Diego's try step). */
final class TryStep extends Step {
    private static final Logger LOG = Logger.getLogger(TryStep.class.getName());

    private final Step step;

    TryStep(Step step) {
        this.step = step;
    }

    @Override
    protected void start() {
        step.ready().thenRun(this::markReady);
        step.perform().whenComplete((v, error) -> {
            if (error != null) {
                LOG.fine(() -> "try step: ignoring failure: " + StepError.of(error).getMessage());
            }
            succeed();
        });
    }

    @Override
    protected void onCancel() {
        step.cancel();
    }
}
