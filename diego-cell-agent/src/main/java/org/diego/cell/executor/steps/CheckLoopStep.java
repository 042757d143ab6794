package org.diego.cell.executor.steps;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One declarative check in one of the modes of Diego's healthcheck binary, which the agent runs itself
 * instead of in a sidecar process: the probe runs at once and then every {@code interval} (counted from
 * the end of the previous probe), and the messages are the binary's.
 * <ul>
 * <li>STARTUP: until it passes; after {@code timeout} (if positive) it fails with "Timed out after T (N
 * attempts) waiting for startup check to succeed: ERROR".</li>
 * <li>LIVENESS: until it fails: "Liveness check unsuccessful: ERROR".</li>
 * <li>UNTIL_READY: until it passes (a readiness check waiting to turn ready).</li>
 * <li>READINESS: until it fails: "Readiness check unsuccessful: ERROR".</li>
 * </ul>
 */
final class CheckLoopStep extends PollingStep {
    enum Mode { STARTUP, LIVENESS, UNTIL_READY, READINESS }

    private final Mode mode;
    private final Duration interval;
    private final Duration timeout;
    private final StepScheduler scheduler;
    private volatile StepError last;
    private volatile StepScheduler.Cancellable deadline;

    CheckLoopStep(Mode mode, Supplier<Step> probe, Duration interval, Duration timeout, StepScheduler scheduler) {
        super(probe, scheduler);
        this.mode = mode;
        this.interval = interval;
        this.timeout = timeout == null ? Duration.ZERO : timeout;
        this.scheduler = scheduler;
    }

    @Override
    protected void begin() {
        if (mode == Mode.STARTUP && (!timeout.isNegative() && !timeout.isZero())) {
            deadline = scheduler.schedule(timeout, this::timedOut);
        }
        again(Duration.ZERO);
    }

    private void timedOut() {
        if (isDone()) {
            return;
        }
        stopPolling();
        StepError error = last;
        fail(StepError.plain("Timed out after " + Formats.duration(timeout) + " (" + attempts()
                + " attempts) waiting for startup check to succeed: " + (error == null ? "" : error.getMessage())));
    }

    @Override
    protected void attempted(StepError error) {
        last = error;
        boolean passed = error == null;
        switch (mode) {
            case STARTUP, UNTIL_READY -> {
                if (passed) {
                    if (deadline != null) {
                        deadline.cancel();
                    }
                    succeed();
                } else {
                    again(interval);
                }
            }
            case LIVENESS, READINESS -> {
                if (passed) {
                    again(interval);
                } else {
                    String prefix = mode == Mode.LIVENESS ? "Liveness" : "Readiness";
                    fail(StepError.plain(prefix + " check unsuccessful: " + error.getMessage()));
                }
            }
        }
    }

    @Override
    protected void onCancel() {
        if (deadline != null) {
            deadline.cancel();
        }
        super.onCancel();
    }
}
