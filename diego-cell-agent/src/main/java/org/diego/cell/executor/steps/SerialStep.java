package org.diego.cell.executor.steps;

import java.util.List;

/**
 * Runs its steps one after another and stops at the first failure (Diego's serial step). Ready when the
 * last step is. Cancelled, it cancels the current step and ends with that step's outcome, so a cancelled
 * {@code try} still counts as success.
 */
final class SerialStep extends Step {
    private final List<Step> steps;
    private int current = -1; // guarded by this

    SerialStep(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    protected void start() {
        if (steps.isEmpty()) {
            markReady();
            succeed();
            return;
        }
        steps.get(steps.size() - 1).ready().thenRun(this::markReady);
        next(0);
    }

    private void next(int index) {
        Step step;
        synchronized (this) {
            if (index == steps.size()) {
                step = null;
            } else {
                current = index;
                step = steps.get(index);
            }
        }
        if (step == null) {
            succeed();
            return;
        }
        if (isCancelled()) {
            step.cancel(); // the cancel may have missed it: it ends at once as cancelled
        }
        step.perform().whenComplete((v, error) -> {
            if (error != null || isCancelled()) {
                finish(error);
            } else {
                next(index + 1);
            }
        });
    }

    @Override
    protected void onCancel() {
        Step step;
        synchronized (this) {
            step = current >= 0 ? steps.get(current) : null;
        }
        if (step != null) {
            step.cancel();
        }
    }
}
