package org.diego.core.api;

import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.wire.WireMessage;

@WireMessage("RemoveEvacuatingActualLRPRequest")
public record RemoveEvacuatingActualLrpRequest(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey) {

    public RemoveEvacuatingActualLrpRequest validate() {
        Checks.key(actualLrpKey);
        Checks.instanceKey(actualLrpInstanceKey);
        return this;
    }
}
