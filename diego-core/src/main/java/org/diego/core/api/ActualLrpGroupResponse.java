package org.diego.core.api;

import org.diego.core.model.ActualLrpGroup;
import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

/** Deprecated in Diego. */
@WireMessage("ActualLRPGroupResponse")
public record ActualLrpGroupResponse(DiegoError error, ActualLrpGroup actualLrpGroup) {
    public static ActualLrpGroupResponse of(ActualLrpGroup group) {
        return new ActualLrpGroupResponse(null, group);
    }
}
