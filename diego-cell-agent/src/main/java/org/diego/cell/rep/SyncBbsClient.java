package org.diego.cell.rep;

import java.util.List;
import org.diego.core.api.RemoveEvacuatingActualLrpRequest;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.Task;

/**
 * What the bulk sync reads from the BBS (Diego's rep: ActualLRPs filtered by cell, TasksByCellID) and the
 * one extra call its residual operations need. A read that is refused or unanswered throws
 * {@link BbsUnavailableException}: either way the sync has nothing to compare and skips its pass.
 */
public interface SyncBbsClient {
    /** Every ActualLRP row on the cell, in any presence. */
    List<ActualLrp> actualLrps(String cellId);

    /** Every Task the BBS has on the cell. */
    List<Task> tasks(String cellId);

    /** Drops an EVACUATING row the cell holds but no container backs (Diego's RemoveEvacuatingActualLRP). */
    LifecycleResponse removeEvacuating(RemoveEvacuatingActualLrpRequest request);
}
