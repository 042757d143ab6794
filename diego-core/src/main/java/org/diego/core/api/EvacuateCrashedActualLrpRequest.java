package org.diego.core.api;

import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

@WireMessage("EvacuateCrashedActualLRPRequest")
public record EvacuateCrashedActualLrpRequest(ActualLrpKey actualLrpKey, InstanceKey actualLrpInstanceKey,
                                              String errorMessage) {

    public EvacuateCrashedActualLrpRequest validate() {
        Checks.key(actualLrpKey);
        Checks.instanceKey(actualLrpInstanceKey);
        Validation.required("error_message", errorMessage);
        return this;
    }
}
