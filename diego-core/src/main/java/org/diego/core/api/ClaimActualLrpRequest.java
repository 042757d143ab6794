package org.diego.core.api;

import org.diego.core.model.InstanceKey;
import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** A cell reserved a container for the instance at {@code process_guid}/{@code index}. */
@WireMessage("ClaimActualLRPRequest")
public record ClaimActualLrpRequest(String processGuid, int index, InstanceKey actualLrpInstanceKey) {

    public ClaimActualLrpRequest validate() {
        Validation.required("process_guid", processGuid);
        Checks.instanceKey(actualLrpInstanceKey);
        return this;
    }
}
