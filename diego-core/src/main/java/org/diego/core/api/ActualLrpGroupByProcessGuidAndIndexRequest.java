package org.diego.core.api;

import org.diego.core.model.Validation;
import org.diego.core.wire.WireMessage;

/** Deprecated in Diego. */
@WireMessage("ActualLRPGroupByProcessGuidAndIndexRequest")
public record ActualLrpGroupByProcessGuidAndIndexRequest(String processGuid, int index) {

    public ActualLrpGroupByProcessGuidAndIndexRequest validate() {
        Validation.required("process_guid", processGuid);
        Validation.nonNegative("index", index);
        return this;
    }
}
