package org.diego.core.api;

import java.util.List;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

/** Desired LRPs, or (for the routing info route) DesiredLRPs holding only their routing fields. */
@WireMessage("DesiredLRPsResponse")
public record DesiredLRPsResponse(DiegoError error, List<DesiredLrp> desiredLrps) {
    public DesiredLRPsResponse {
        desiredLrps = desiredLrps == null ? List.of() : List.copyOf(desiredLrps);
    }

    public static DesiredLRPsResponse of(List<DesiredLrp> lrps) {
        return new DesiredLRPsResponse(null, lrps);
    }
}
