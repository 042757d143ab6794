package org.diego.core.messages;

import java.util.List;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DesiredLrp;

/** The auctioneer's placement decision for one cell: start these instances. */
public record LrpWork(List<LrpStart> lrps) {
    public LrpWork {
        lrps = lrps == null ? List.of() : List.copyOf(lrps);
    }

    /** One instance to start, with the DesiredLRP it runs. */
    public record LrpStart(ActualLrpKey actualLrpKey, DesiredLrp desiredLrp) {
    }
}
