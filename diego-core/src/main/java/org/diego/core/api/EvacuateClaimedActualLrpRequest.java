package org.diego.core.api;

import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.wire.WireMessage;

@WireMessage("EvacuateClaimedActualLRPRequest")
public record EvacuateClaimedActualLrpRequest(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey) {

    public EvacuateClaimedActualLrpRequest validate() {
        Checks.key(actualLrpKey);
        Checks.instanceKey(actualLrpInstanceKey);
        return this;
    }
}
