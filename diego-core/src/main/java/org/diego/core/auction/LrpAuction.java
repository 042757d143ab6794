package org.diego.core.auction;

import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DesiredLrp.SchedulingInfo;

/** One instance index waiting for a cell. */
public record LrpAuction(ActualLrpKey key, SchedulingInfo info) {
    /** Diego's de-duplication identity: {@code guid.index}. */
    public String identifier() {
        return key.processGuid() + "." + key.index();
    }
}
