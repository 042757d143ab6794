package org.diego.cell.rep;

import org.diego.core.messages.LrpWork;
import org.diego.core.messages.StopLrpInstance;
import org.diego.core.messages.UpdateLrpInstance;

/** What the cluster can ask of a cell (Diego's rep /work and /stop endpoints). */
public interface CellWorkHandler {
    void work(LrpWork work);

    void stop(StopLrpInstance stop);

    /** Convergence's update of a running instance's internal routes and metric tags (ignored by default). */
    default void update(UpdateLrpInstance update) {
    }
}
