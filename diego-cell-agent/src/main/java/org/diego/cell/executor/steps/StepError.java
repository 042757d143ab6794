package org.diego.cell.executor.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why a step failed, with the distinctions Diego's executor makes between its errors: an
 * <em>emittable</em> error's text is meant for the app's log (emit_progress and timeout append it); a
 * non-<em>displayable</em> one (cancellation, exceeded graceful shutdown) is left out when errors are
 * joined. {@code exitStatus} is the status of the run step's process the failure came from, if any.
 * The message becomes the container's failure reason.
 */
public final class StepError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean emittable;
    private final boolean displayable;
    private final boolean cancellation;
    private final Integer exitStatus;

    private StepError(String message, boolean emittable, boolean displayable, boolean cancellation,
                      Integer exitStatus, Throwable cause) {
        super(message, cause, false, false);
        this.emittable = emittable;
        this.displayable = displayable;
        this.cancellation = cancellation;
        this.exitStatus = exitStatus;
    }

    /** A plain error (Go's errors.New): shown, not emitted. */
    public static StepError plain(String message) {
        return new StepError(message, false, true, false, null, null);
    }

    /** Diego's EmittableError. */
    public static StepError emittable(String message, Throwable wrapped) {
        return new StepError(message, true, true, false, wrappedStatus(wrapped), wrapped);
    }

    /** A run step's non-zero exit. */
    public static StepError exited(String message, int status) {
        return new StepError(message, true, true, false, status, null);
    }

    /** Diego's CancelledError ("cancelled"), carrying the exit status of a process it stopped. */
    public static StepError cancelled(Integer exitStatus) {
        return new StepError("cancelled", false, false, true, exitStatus, null);
    }

    public static StepError cancelled() {
        return cancelled(null);
    }

    /** Diego's ExceededGracefulShutdownIntervalError: the process needed SIGKILL. */
    public static StepError exceededGracefulShutdown(int exitStatus) {
        return new StepError("exceeded graceful shutdown interval", false, false, true, exitStatus, null);
    }

    /** Diego's multierror: the non-empty displayable messages joined with "; ". */
    public static StepError aggregate(List<StepError> errors) {
        List<String> shown = new ArrayList<>();
        for (StepError e : errors) {
            if (e.displayable && !e.getMessage().isEmpty()) {
                shown.add(e.getMessage());
            }
        }
        String message = String.join("; ", shown);
        Integer status = errors.stream().map(StepError::exitStatus).filter(s -> s != null).findFirst().orElse(null);
        return new StepError(message, false, true, false, status, errors.isEmpty() ? null : errors.get(0));
    }

    /** Unwraps what a future completed with; anything that is not a StepError becomes a plain one. */
    public static StepError of(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof StepError e) {
            return e;
        }
        String message = cause.getMessage();
        return new StepError(message == null ? cause.toString() : message, false, true, false, null, cause);
    }

    public boolean emittable() {
        return emittable;
    }

    public boolean displayable() {
        return displayable;
    }

    /** The step was told to stop (including a stop that needed SIGKILL). */
    public boolean cancellation() {
        return cancellation;
    }

    public Integer exitStatus() {
        return exitStatus;
    }

    private static Integer wrappedStatus(Throwable wrapped) {
        return wrapped instanceof StepError e ? e.exitStatus : null;
    }
}
