package org.diego.core.evacuation;

import org.diego.core.lifecycle.LrpPlan;
import org.diego.core.model.DiegoError;

/**
 * The answer to one evacuation report: the writes (none when {@code error} is set), whether the cell
 * keeps its container, and the error Diego reports alongside {@code keep_container}.
 */
public record EvacuationOutcome(LrpPlan plan, boolean keepContainer, DiegoError error) {

    static EvacuationOutcome done(LrpPlan plan, boolean keepContainer) {
        return new EvacuationOutcome(plan, keepContainer, null);
    }

    static EvacuationOutcome failed(DiegoError error, boolean keepContainer) {
        return new EvacuationOutcome(LrpPlan.NOTHING, keepContainer, error);
    }
}
