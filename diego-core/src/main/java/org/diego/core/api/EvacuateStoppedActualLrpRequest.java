package org.diego.core.api;

import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.wire.WireMessage;

@WireMessage("EvacuateStoppedActualLRPRequest")
public record EvacuateStoppedActualLrpRequest(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey) {

    public EvacuateStoppedActualLrpRequest validate() {
        Checks.key(actualLrpKey);
        Checks.instanceKey(actualLrpInstanceKey);
        return this;
    }
}
