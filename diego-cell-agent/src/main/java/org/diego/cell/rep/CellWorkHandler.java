package org.diego.cell.rep;

import org.diego.core.messages.LrpWork;
import org.diego.core.messages.StopLrpInstance;

/** What the cluster can ask of a cell (Diego's rep /work and /stop endpoints). */
public interface CellWorkHandler {
    void work(LrpWork work);

    void stop(StopLrpInstance stop);
}
