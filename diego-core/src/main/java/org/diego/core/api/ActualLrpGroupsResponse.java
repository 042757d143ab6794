package org.diego.core.api;

import java.util.List;
import org.diego.core.model.ActualLrpGroup;
import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

/** Deprecated in Diego. */
@WireMessage("ActualLRPGroupsResponse")
public record ActualLrpGroupsResponse(DiegoError error, List<ActualLrpGroup> actualLrpGroups) {
    public static ActualLrpGroupsResponse of(List<ActualLrpGroup> groups) {
        return new ActualLrpGroupsResponse(null, groups);
    }
}
