package org.diego.core.api;

import java.util.List;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

@WireMessage("ActualLRPsByProcessGuidsResponse")
public record ActualLrpsByProcessGuidsResponse(DiegoError error, List<ActualLrp> actualLrps) {
    public static ActualLrpsByProcessGuidsResponse of(List<ActualLrp> lrps) {
        return new ActualLrpsByProcessGuidsResponse(null, lrps);
    }
}
