package org.diego.cell.executor.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs every step at once (Diego's codependent step). The first failure cancels the others; with
 * {@code errorOnExit} (the codependent action) a success counts as a failure too ("Codependent step
 * exited"), with {@code cancelOthersOnExit} a success cancels the others. It ends when all have ended,
 * with the failures joined in the order they happened. Ready when all of them are.
 */
final class CodependentStep extends Step {
    static final String EXITED = "Codependent step exited";

    private final List<Step> steps;
    private final boolean errorOnExit;
    private final boolean cancelOthersOnExit;
    private final List<StepError> errors = new ArrayList<>(); // guarded by this
    private boolean othersCancelled;
    private int ended;

    CodependentStep(List<Step> steps, boolean errorOnExit, boolean cancelOthersOnExit) {
        this.steps = List.copyOf(steps);
        this.errorOnExit = errorOnExit;
        this.cancelOthersOnExit = cancelOthersOnExit;
    }

    @Override
    protected void start() {
        if (steps.isEmpty()) {
            markReady();
            succeed();
            return;
        }
        CompletableFuture.allOf(steps.stream().map(Step::ready).toArray(CompletableFuture[]::new))
                .thenRun(this::markReady);
        for (Step step : steps) {
            step.perform().whenComplete((v, error) -> ended(error));
        }
    }

    private void ended(Throwable outcome) {
        StepError error = errorOf(outcome);
        if (error == null && errorOnExit) {
            error = StepError.plain(EXITED);
        }
        boolean cancelNow;
        boolean last;
        synchronized (this) {
            if (error != null) {
                errors.add(error);
            }
            cancelNow = !othersCancelled && (error != null || cancelOthersOnExit);
            othersCancelled |= cancelNow;
            last = ++ended == steps.size();
        }
        if (cancelNow) {
            steps.forEach(Step::cancel);
        }
        if (last) {
            List<StepError> all;
            synchronized (this) {
                all = List.copyOf(errors);
            }
            if (all.isEmpty()) {
                succeed();
            } else {
                fail(StepError.aggregate(all));
            }
        }
    }

    @Override
    protected void onCancel() {
        steps.forEach(Step::cancel);
    }
}
