package org.diego.cell.executor;

/**
 * How a container completed (Diego's executor RunResult). {@code stopped} means someone asked for it:
 * the rep then removes the instance instead of reporting a crash.
 */
public record RunResult(boolean failed, String failureReason, boolean stopped, Integer exitStatus) {

    public static RunResult exited(int status, boolean stopped) {
        return new RunResult(!stopped, stopped ? "" : "Exited with status " + status, stopped, status);
    }

    public static RunResult stoppedBeforeRunning() {
        return new RunResult(false, "", true, null);
    }

    public static RunResult failedToStart(String reason) {
        return new RunResult(true, reason, false, null);
    }
}
