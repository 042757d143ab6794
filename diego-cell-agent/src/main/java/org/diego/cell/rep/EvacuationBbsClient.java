package org.diego.cell.rep;

import org.diego.core.api.EvacuateClaimedActualLrpRequest;
import org.diego.core.api.EvacuateCrashedActualLrpRequest;
import org.diego.core.api.EvacuateRunningActualLrpRequest;
import org.diego.core.api.EvacuateStoppedActualLrpRequest;
import org.diego.core.api.EvacuationResponse;

/**
 * A draining cell's reports, one per container (Diego's evacuation routes). The answer says whether to
 * keep the container ({@code keep_container}); an error travels next to it. No answer at all is a
 * {@link BbsUnavailableException}.
 */
public interface EvacuationBbsClient {
    EvacuationResponse evacuateClaimed(EvacuateClaimedActualLrpRequest request);

    EvacuationResponse evacuateRunning(EvacuateRunningActualLrpRequest request);

    EvacuationResponse evacuateStopped(EvacuateStoppedActualLrpRequest request);

    EvacuationResponse evacuateCrashed(EvacuateCrashedActualLrpRequest request);
}
