package org.diego.cell.rep;

import org.diego.core.messages.CancelTask;
import org.diego.core.messages.TaskWork;

/** The task half of what the cluster can ask of a cell (Diego's rep /work tasks and /v1/tasks/:guid/cancel). */
public interface TaskWorkHandler {
    void work(TaskWork work);

    void cancel(CancelTask cancel);
}
