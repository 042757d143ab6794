package org.diego.core.api;

import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.wire.WireMessage;

@WireMessage("CrashActualLRPRequest")
public record CrashActualLrpRequest(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey, String errorMessage) {

    public CrashActualLrpRequest validate() {
        Checks.key(actualLrpKey);
        Checks.instanceKey(actualLrpInstanceKey);
        return this;
    }
}
