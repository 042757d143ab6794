package org.diego.cell.executor.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs every step at once and waits for all (Diego's parallel step): it fails with the failures joined in
 * the order of its steps. Ready when all of them are.
 */
final class ParallelStep extends Step {
    private final List<Step> steps;

    ParallelStep(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    protected void start() {
        CompletableFuture.allOf(steps.stream().map(Step::ready).toArray(CompletableFuture[]::new))
                .thenRun(this::markReady);
        List<CompletableFuture<Void>> outcomes = new ArrayList<>();
        for (Step step : steps) {
            outcomes.add(step.perform());
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).whenComplete((v, ignored) -> {
            List<StepError> errors = outcomes.stream().map(Step::failureOf).filter(e -> e != null).toList();
            if (errors.isEmpty()) {
                succeed();
            } else {
                fail(StepError.aggregate(errors));
            }
        });
    }

    @Override
    protected void onCancel() {
        steps.forEach(Step::cancel);
    }
}
