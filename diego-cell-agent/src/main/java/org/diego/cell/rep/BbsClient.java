package org.diego.cell.rep;

import org.diego.core.api.CompleteTaskRequest;
import org.diego.core.api.RejectTaskRequest;
import org.diego.core.api.StartTaskRequest;
import org.diego.core.messages.ClaimActualLrpRequest;
import org.diego.core.messages.CrashActualLrpRequest;
import org.diego.core.messages.FailActualLrpRequest;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.messages.RemoveActualLrpRequest;
import org.diego.core.messages.StartActualLrpRequest;

/**
 * The ActualLRP and Task lifecycle calls a rep makes. A response with an error is the BBS refusing the
 * transition; no answer at all (timeout, broker down) is a {@link BbsUnavailableException}, after which
 * the outcome is unknown.
 */
public interface BbsClient {
    LifecycleResponse claim(ClaimActualLrpRequest request);

    LifecycleResponse start(StartActualLrpRequest request);

    LifecycleResponse crash(CrashActualLrpRequest request);

    LifecycleResponse remove(RemoveActualLrpRequest request);

    /** Work this cell could not reserve: the BBS records the placement error (Diego's FailActualLRP). */
    LifecycleResponse fail(FailActualLrpRequest request);

    /** Asks whether to run a task: {@link LifecycleResponse#shouldStart()} answers (Diego's StartTask). */
    LifecycleResponse startTask(StartTaskRequest request);

    LifecycleResponse completeTask(CompleteTaskRequest request);

    /** A task this cell cannot run: back to PENDING for another auction (Diego's RejectTask). */
    LifecycleResponse rejectTask(RejectTaskRequest request);
}
