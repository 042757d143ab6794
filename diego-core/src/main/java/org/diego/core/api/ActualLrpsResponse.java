package org.diego.core.api;

import java.util.List;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

@WireMessage("ActualLRPsResponse")
public record ActualLrpsResponse(DiegoError error, List<ActualLrp> actualLrps) {
    public static ActualLrpsResponse of(List<ActualLrp> lrps) {
        return new ActualLrpsResponse(null, lrps);
    }
}
