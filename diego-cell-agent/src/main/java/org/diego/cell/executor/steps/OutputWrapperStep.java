package org.diego.cell.executor.steps;

/**
 * Replaces a failing monitor sub-step's error with what it wrote (Diego's output wrapper, which makes a
 * health check's own output the crash reason), or "Failed to invoke process: ..." when it wrote nothing.
 * Here only step messages reach the buffer, not the process's own output (the backend writes that to the
 * container's log files).
 */
final class OutputWrapperStep extends Step {
    private final Step step;
    private final StepLog.Buffer buffer;
    private final String prefix;

    OutputWrapperStep(Step step, StepLog.Buffer buffer, String prefix) {
        this.step = step;
        this.buffer = buffer;
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    protected void start() {
        step.ready().thenRun(this::markReady);
        step.perform().whenComplete((v, error) -> {
            if (error == null) {
                succeed();
                return;
            }
            StepError inner = StepError.of(error);
            String output = buffer.text().strip();
            String message = output.isEmpty() ? "Failed to invoke process: " + inner.getMessage() : output;
            fail(StepError.emittable(prefix.isEmpty() ? message : prefix + ": " + message, inner));
        });
    }

    @Override
    protected void onCancel() {
        step.cancel();
    }
}
