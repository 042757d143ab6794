package org.diego.core.api;

import java.util.List;
import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

/** Scheduling infos of the desired LRPs that match a DesiredLRPsRequest. */
@WireMessage("DesiredLRPSchedulingInfosResponse")
public record DesiredLRPSchedulingInfosResponse(DiegoError error,
                                                List<DesiredLrpSchedulingInfo> desiredLrpSchedulingInfos) {
    public DesiredLRPSchedulingInfosResponse {
        desiredLrpSchedulingInfos = desiredLrpSchedulingInfos == null ? List.of()
                : List.copyOf(desiredLrpSchedulingInfos);
    }

    public static DesiredLRPSchedulingInfosResponse of(List<DesiredLrpSchedulingInfo> infos) {
        return new DesiredLRPSchedulingInfosResponse(null, infos);
    }
}
