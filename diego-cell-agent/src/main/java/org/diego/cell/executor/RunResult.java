package org.diego.cell.executor;

/**
 * How a container completed (Diego's executor RunResult). {@code stopped} means someone asked for it: the
 * rep then removes the instance instead of reporting a crash. {@code failureReason} is the error its step
 * tree ended with (e.g. "LOG: Exited with status 3"); {@code exitStatus} is the exit status of the process
 * whose end decided it, when one did.
 */
public record RunResult(boolean failed, String failureReason, boolean stopped, Integer exitStatus) {
    /** Diego's executor's reason for a reservation that was never run in time. */
    public static final String EXPIRED = "expired container";

    /** The steps all succeeded (an LRP's action that exited 0 without a monitor, a task that did its work). */
    public static RunResult succeeded() {
        return new RunResult(false, "", false, null);
    }

    public static RunResult failed(String reason, Integer exitStatus) {
        return new RunResult(true, reason == null ? "" : reason, false, exitStatus);
    }

    public static RunResult stopped(Integer exitStatus) {
        return new RunResult(false, "", true, exitStatus);
    }

    public static RunResult stoppedBeforeRunning() {
        return new RunResult(false, "", true, null);
    }

    public static RunResult failedToStart(String reason) {
        return new RunResult(true, reason, false, null);
    }

    /** A reservation reaped because it was not run within the reservation TTL. */
    public static RunResult expired() {
        return new RunResult(true, EXPIRED, false, null);
    }
}
