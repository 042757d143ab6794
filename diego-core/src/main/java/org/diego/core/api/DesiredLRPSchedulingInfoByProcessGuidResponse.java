package org.diego.core.api;

import org.diego.core.model.DesiredLrpSchedulingInfo;
import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

/** One desired LRP's scheduling info. */
@WireMessage("DesiredLRPSchedulingInfoByProcessGuidResponse")
public record DesiredLRPSchedulingInfoByProcessGuidResponse(DiegoError error,
                                                            DesiredLrpSchedulingInfo desiredLrpSchedulingInfo) {

    public static DesiredLRPSchedulingInfoByProcessGuidResponse of(DesiredLrpSchedulingInfo info) {
        return new DesiredLRPSchedulingInfoByProcessGuidResponse(null, info);
    }
}
