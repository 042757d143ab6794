package org.diego.core.api;

import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** Deprecated in Diego. */
@WireMessage("ActualLRPGroupsByProcessGuidRequest")
public record ActualLrpGroupsByProcessGuidRequest(String processGuid) {

    public ActualLrpGroupsByProcessGuidRequest validate() {
        Validation.required("process_guid", processGuid);
        return this;
    }
}
