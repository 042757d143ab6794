package org.diego.cell.executor.steps;

/**
 * Logs a message before its step and one after it (Diego's emit_progress step): the success message, or
 * the failure prefix followed by ": " and the step's message when that is emittable. Empty messages are
 * not logged. Ends as its step does.
 */
final class EmitProgressStep extends Step {
    private final Step step;
    private final String startMessage;
    private final String successMessage;
    private final String failurePrefix;
    private final StepLog log;

    EmitProgressStep(Step step, String startMessage, String successMessage, String failurePrefix, StepLog log) {
        this.step = step;
        this.startMessage = startMessage == null ? "" : startMessage;
        this.successMessage = successMessage == null ? "" : successMessage;
        this.failurePrefix = failurePrefix == null ? "" : failurePrefix;
        this.log = log;
    }

    @Override
    protected void start() {
        if (!startMessage.isEmpty()) {
            log.out(startMessage);
        }
        step.ready().thenRun(this::markReady);
        step.perform().whenComplete((v, error) -> {
            StepError failure = errorOf(error);
            if (failure == null) {
                if (!successMessage.isEmpty()) {
                    log.out(successMessage);
                }
            } else if (!failurePrefix.isEmpty()) {
                log.err(failure.emittable() ? failurePrefix + ": " + failure.getMessage() : failurePrefix);
            }
            finish(error);
        });
    }

    @Override
    protected void onCancel() {
        step.cancel();
    }
}
